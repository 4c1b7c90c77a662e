import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportMetrics, ReportResponse } from '@kcc/contracts/dashboard';
import { renderWithProviders, type RenderRoutes } from '../../../testing/render-app';
import type { ReportFilters } from '../api/get-report';
import { ReportsView } from './reports-view';

const metrics = (overrides: Partial<ReportMetrics> = {}): ReportMetrics => ({
  offered: 12,
  answered: 10,
  answeredWithinNorm: 8,
  abandoned: 2,
  shortAbandoned: 1,
  serviceLevel: 8 / 12,
  asaSeconds: 24,
  ahtSeconds: 310,
  abandonRate: 2 / 12,
  zelfstandigAfgehandeld: 6,
  firstContactResolved: 5,
  firstContactResolution: 5 / 6,
  channelSwitches: 1,
  kanaalsturing: 4,
  kanaalsturingPrimary: 3,
  viaPrimaryChannel: 3,
  primaryChannelShare: 0.75,
  vragen: 4,
  contactenVoorVragen: 6,
  kanaalwisselsVoorVragen: 1,
  contactenPerVraag: 1.5,
  beloften: 5,
  beloftenNagekomen: 4,
  voorspelbaarheid: 0.8,
  csatCount: 3,
  csatAverage: 4.333,
  ...overrides,
});

const report = (overrides: Partial<ReportResponse> = {}): ReportResponse => ({
  period: 'day',
  from: '2026-03-09',
  to: '2026-03-10',
  filters: {},
  definitions: {
    shortAbandonSeconds: 5,
    fcrWindowDays: 7,
    inspanningWindowDays: 14,
    serviceLevel: 'Beantwoord binnen de norm gedeeld door beantwoord plus afgebroken na 5 seconden.',
  },
  buckets: [
    { ...metrics({ offered: 5, answered: 4, abandoned: 1 }), start: '2026-03-09', label: 'ma 9 mrt' },
    {
      ...metrics({ offered: 7, answered: 6, abandoned: 1, serviceLevel: null }),
      start: '2026-03-10',
      label: 'di 10 mrt',
    },
  ],
  total: metrics(),
  byQueue: [
    { ...metrics(), queue: 'algemeen', name: 'Algemeen' },
    { ...metrics({ offered: 0 }), queue: 'belastingen', name: 'Belastingen' },
  ],
  byChannel: [
    { ...metrics({ offered: 9 }), channel: 'telefoon' },
    { ...metrics({ offered: 3 }), channel: 'chat' },
  ],
  byOnderwerp: [
    {
      onderwerpId: '3f0b7a52-5c1e-4a57-9a43-0d4f5d1c2b11',
      naam: 'Paspoort',
      registraties: 4,
      contacten: 3,
      zelfstandigAfgehandeld: 3,
      firstContactResolved: 2,
      firstContactResolution: 2 / 3,
      ahtSeconds: 250,
      kanaalsturing: 2,
      primaryChannelShare: 0.5,
      csatCount: 1,
      csatAverage: 4,
    },
    {
      onderwerpId: null,
      naam: 'Vrije tekst (niet uit de lijst)',
      registraties: 1,
      contacten: 1,
      zelfstandigAfgehandeld: 0,
      firstContactResolved: 0,
      firstContactResolution: null,
      ahtSeconds: null,
      kanaalsturing: 0,
      primaryChannelShare: null,
      csatCount: 0,
      csatAverage: null,
    },
  ],
  ...overrides,
});

const FILTERS: ReportFilters = { period: 'day', from: '2026-03-09', to: '2026-03-10' };
const PATH = '/api/reports?period=day&from=2026-03-09&to=2026-03-10';

function renderReports(routes: RenderRoutes = {}) {
  return renderWithProviders(<ReportsView token="tl-token" initialFilters={FILTERS} />, {
    // the download takes the session's current (refreshed) token
    session: { token: 'tl-token', user: { id: 'u-tess', name: 'Tess', roles: ['teamleider'] } },
    routes: { [`GET ${PATH}`]: { status: 200, body: report() }, ...routes },
  });
}

describe('reports', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:kcc/1');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the KPI tiles, charts with a text alternative, and tables per period, queue and channel', async () => {
    renderReports();
    const tiles = await screen.findByTestId('report-tiles');
    expect(tiles).toHaveTextContent('Aangeboden12');
    expect(tiles).toHaveTextContent('Service level66,7 %');
    expect(tiles).toHaveTextContent('Gem. wachttijd0:24');
    expect(tiles).toHaveTextContent('Gem. afhandeltijd5:10');
    expect(tiles).toHaveTextContent('Direct opgelost83,3 %');
    expect(tiles).toHaveTextContent('Via primair kanaal75 %');
    expect(tiles).toHaveTextContent('Contacten per vraag1,5');
    expect(tiles).toHaveTextContent('Belofte nagekomen80 %');
    expect(tiles).toHaveTextContent('Tevredenheid (1–5)4,3 (3×)');

    const charts = screen.getAllByTestId('report-chart');
    expect(charts).toHaveLength(4);
    expect(within(charts[0]!).getByRole('img')).toHaveAccessibleName(
      'In totaal 12 aangeboden: 10 beantwoord en 2 afgebroken.',
    );

    const buckets = screen.getByRole('table', { name: 'Cijfers per periode' });
    const rows = within(buckets).getAllByRole('row');
    expect(rows.map((r) => r.getAttribute('data-row'))).toEqual([null, '2026-03-09', '2026-03-10', 'totaal']);
    expect(within(rows[2]!).getByRole('rowheader')).toHaveTextContent('di 10 mrt');
    // A ratio without a denominator is a dash, never an invented 0 %.
    expect(rows[2]!.querySelector('[data-kpi="serviceLevel"]')).toHaveTextContent('–');
    expect(within(buckets).getByRole('columnheader', { name: 'Direct opgelost' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Cijfers per wachtrij' })).toHaveTextContent('Belastingen');
    expect(screen.getByRole('table', { name: 'Cijfers per kanaal' })).toHaveTextContent('Telefoon');

    const perOnderwerp = screen.getByRole('table', { name: 'Registraties per onderwerp' });
    const onderwerpRows = within(perOnderwerp).getAllByRole('row').slice(1);
    expect(onderwerpRows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Paspoort',
      'Vrije tekst (niet uit de lijst)',
    ]);
    expect(onderwerpRows[0]!.querySelector('[data-kpi="registraties"]')).toHaveTextContent('4');
    expect(onderwerpRows[0]!.querySelector('[data-kpi="fcr"]')).toHaveTextContent('66,7 %');
    expect(onderwerpRows[1]!.querySelector('[data-kpi="aht"]')).toHaveTextContent('–');
  });

  it('filters by period, queue and channel', async () => {
    const user = userEvent.setup();
    const filtered = '/api/reports?period=week&from=2026-03-09&to=2026-03-10&queue=belastingen&channel=email';
    const { api } = renderReports({
      [`GET ${filtered}`]: {
        status: 200,
        body: report({ period: 'week', filters: { queue: 'belastingen', channel: 'email' } }),
      },
      'GET /api/reports?period=week&from=2026-03-09&to=2026-03-10': {
        status: 200,
        body: report({ period: 'week' }),
      },
    });
    await screen.findByTestId('report-tiles');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Periode' }), 'week');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Wachtrij' }), 'belastingen');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kanaal' }), 'email');
    await user.click(screen.getByRole('button', { name: 'Toon cijfers' }));
    await waitFor(() => expect(api.requestsTo('GET', filtered)).toHaveLength(1));
    expect(await screen.findByTestId('report-range')).toHaveTextContent(
      'wachtrij Belastingen · kanaal E-mail',
    );
    expect(screen.getByText('Contacten per week')).toBeInTheDocument();
  });

  it('refuses an end date before the start date', async () => {
    const user = userEvent.setup();
    const { api } = renderReports();
    await screen.findByTestId('report-tiles');
    const to = screen.getByLabelText('Tot en met');
    await user.clear(to);
    await user.type(to, '2026-03-01');
    await user.click(screen.getByRole('button', { name: 'Toon cijfers' }));
    expect(to).toHaveAccessibleDescription('De einddatum ligt vóór de begindatum.');
    expect(api.requests.filter((r) => r.path.includes('2026-03-01'))).toHaveLength(0);
  });

  it('downloads the server CSV for the same filters, with the Bearer token', async () => {
    const user = userEvent.setup();
    const { api } = renderReports({
      [`GET ${PATH}&format=csv`]: { status: 200, body: 'periode;aangeboden\n' },
    });
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(`${this.download} ${this.href}`);
    });
    await screen.findByTestId('report-tiles');
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(clicks).toEqual(['kcc-rapportage_day_2026-03-09_2026-03-10.csv blob:kcc/1']));
    const [request] = api.requestsTo('GET', `${PATH}&format=csv`);
    expect(request?.headers.authorization).toBe('Bearer tl-token');
    expect(
      await screen.findByText('kcc-rapportage_day_2026-03-09_2026-03-10.csv is gedownload.'),
    ).toBeInTheDocument();
  });

  it('says so when the CSV cannot be downloaded', async () => {
    const user = userEvent.setup();
    renderReports({
      [`GET ${PATH}&format=csv`]: { status: 403, body: { title: 'Geen toegang', status: 403 } },
    });
    await screen.findByTestId('report-tiles');
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('U mag deze rapportage niet downloaden.')).toBeInTheDocument();
  });
});
