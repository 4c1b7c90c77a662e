import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReportMetrics, ReportResponse } from '@kcc/contracts/dashboard';
import { renderWithProviders } from '../../../testing/render-app';
import { KanaalstrategieSummary } from './kanaalstrategie-summary';

const metrics = (overrides: Partial<ReportMetrics> = {}): ReportMetrics => ({
  offered: 0,
  answered: 0,
  answeredWithinNorm: 0,
  abandoned: 0,
  shortAbandoned: 0,
  serviceLevel: null,
  asaSeconds: null,
  ahtSeconds: null,
  abandonRate: null,
  zelfstandigAfgehandeld: 0,
  firstContactResolved: 0,
  firstContactResolution: null,
  channelSwitches: 0,
  kanaalsturing: 0,
  kanaalsturingPrimary: 0,
  viaPrimaryChannel: 0,
  primaryChannelShare: null,
  vragen: 0,
  contactenVoorVragen: 0,
  kanaalwisselsVoorVragen: 0,
  contactenPerVraag: null,
  beloften: 0,
  beloftenNagekomen: 0,
  voorspelbaarheid: null,
  csatCount: 0,
  csatAverage: null,
  ...overrides,
});

const report = (total: ReportMetrics, byChannel: ReportResponse['byChannel']): ReportResponse => ({
  period: 'month',
  from: '2026-11-08',
  to: '2026-12-07',
  filters: {},
  definitions: { shortAbandonSeconds: 5, fcrWindowDays: 7, inspanningWindowDays: 14, serviceLevel: 'x' },
  buckets: [],
  total,
  byQueue: [],
  byChannel,
  byOnderwerp: [],
});

describe('KanaalstrategieSummary', () => {
  it('shows inspanning, voorspelbaarheid, the primary-channel share and satisfaction per channel', async () => {
    const { api } = renderWithProviders(<KanaalstrategieSummary />, {
      routes: {
        'GET /api/reports': {
          status: 200,
          body: report(
            metrics({
              contactenPerVraag: 1.25,
              voorspelbaarheid: 0.9,
              primaryChannelShare: 0.4,
              csatCount: 3,
              csatAverage: 4,
            }),
            [
              { channel: 'telefoon', ...metrics({ csatCount: 2, csatAverage: 3.5 }) },
              { channel: 'chat', ...metrics({ csatCount: 1, csatAverage: 5 }) },
              { channel: 'email', ...metrics() },
            ],
          ),
        },
      },
    });
    const section = await screen.findByRole('region', { name: 'Kanaalstrategie, laatste 30 dagen' });
    expect(await within(section).findByText('1,25')).toBeInTheDocument();
    expect(section).toHaveTextContent('Belofte nagekomen90 %');
    expect(section).toHaveTextContent('Via primair kanaal40 %');
    expect(within(section).getByTestId('tevredenheid-per-kanaal')).toHaveTextContent(
      'Tevredenheid per kanaal: Telefoon 3,5 (2×) · Chat 5,0 (1×)',
    );
    expect(api.requests[0]?.path).toMatch(/^\/api\/reports\?period=month&from=\d{4}-\d{2}-\d{2}&to=/);
  });

  it('says when nobody has rated yet, and shows dashes instead of invented figures', async () => {
    renderWithProviders(<KanaalstrategieSummary />, {
      routes: { 'GET /api/reports': { status: 200, body: report(metrics(), []) } },
    });
    const perKanaal = await screen.findByTestId('tevredenheid-per-kanaal');
    expect(perKanaal).toHaveTextContent('nog geen beoordelingen.');
    expect(screen.getByRole('region', { name: 'Kanaalstrategie, laatste 30 dagen' })).toHaveTextContent(
      'Contacten per vraag–',
    );
  });
});
