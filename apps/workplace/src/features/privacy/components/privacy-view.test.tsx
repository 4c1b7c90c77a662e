import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditListResponse, VerwerkingsactieDto } from '@kcc/contracts/verwerkingen';
import { renderWithProviders, type RenderRoutes } from '../../../testing/render-app';
import { PrivacyView } from './privacy-view';

const BSN = '999993653';
const PRIYA = { id: 'user-priya', name: 'Priya Ramdin', roles: ['privacy' as const] };

const actie = (overrides: Partial<VerwerkingsactieDto> = {}): VerwerkingsactieDto => ({
  actieId: '16c5bec8-dc90-44e5-abe3-e662aa7de69a',
  url: 'http://kcc.test/api/audit/verwerkingsacties/16c5bec8-dc90-44e5-abe3-e662aa7de69a',
  actieNaam: 'Gegevens inzien (Zaken)',
  handelingNaam: 'inzien',
  verwerkingNaam: 'Klantcontact afhandelen (KCC)',
  verwerkingId: '1d5db351-ed07-4a74-8d6a-5d66d6c85c9c',
  verwerkingsactiviteitId: 'a4fc6e04-934c-4035-a117-32add96b7f26',
  verwerkingsactiviteitCode: 'kcc-klantcontact-afhandelen',
  vertrouwelijkheid: 'normaal',
  bewaartermijn: 'P2Y',
  systeem: 'kcc-werkplek',
  gebruiker: { id: 'user-anna', naam: 'Anna de Vries', rol: 'medewerker' },
  gegevensbron: 'zaken',
  doel: 'klantvraag_zonder_contact',
  doelOmschrijving: 'Vraag van een inwoner zonder actief contact',
  tijdstip: '2026-11-23T20:46:00.282Z',
  tijdstipRegistratie: '2026-11-23T20:46:00.285Z',
  verwerkteObjecten: [
    {
      verwerktObjectId: '01b408fd-d2bc-4227-bc3f-ad881822945c',
      objecttype: 'persoon',
      soortObjectId: 'BSN',
      objectId: BSN,
      bsn: BSN,
      betrokkenheid: 'Klant',
      verwerkteSoortenGegevens: [{ soortGegeven: 'zaken' }],
    },
  ],
  ...overrides,
});

const list = (items: VerwerkingsactieDto[], count = items.length, page = 1): AuditListResponse => ({
  count,
  page,
  pageSize: 50,
  items,
});

const CHAIN_OK = {
  status: 200,
  body: { ok: true, count: 6, headHash: 'c68aa433'.padEnd(64, '0'), checkedAt: '2026-11-23T20:46:05.209Z' },
};

const RETENTION = {
  status: 200,
  body: {
    terms: { contacten: 'P1Y', transcripten: 'P1Y', bijlagen: 'P3M', verwerkingenlog: 'P2Y' },
    nextRunAt: '2026-11-24T02:00:00.000Z',
    lastRun: null,
    dryRun: { at: '2026-11-23T20:46:05.209Z', dryRun: true, kinds: [] },
  },
};

function renderPrivacy(routes: RenderRoutes) {
  return renderWithProviders(<PrivacyView user={PRIYA} token="priya-token" onLogout={vi.fn()} />, {
    session: { token: 'priya-token', user: PRIYA },
    routes: { 'GET /api/audit/verify': CHAIN_OK, 'GET /api/beheer/bewaartermijnen': RETENTION, ...routes },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PrivacyView', () => {
  it('shows the bewaartermijnen to look at, without a run button', async () => {
    renderPrivacy({});
    expect(await screen.findByRole('heading', { name: 'Bewaartermijnen' })).toBeInTheDocument();
    expect(await screen.findByTestId('bewaartermijnen-volgende')).toHaveTextContent(
      'De volgende nachtelijke ronde',
    );
    expect(screen.queryByRole('button', { name: 'Nu opschonen' })).toBeNull();
  });

  it('validates the BSN, then shows the verwerkingsacties of that resident in a table', async () => {
    const user = userEvent.setup();
    const { api } = renderPrivacy({
      [`GET /api/audit/verwerkingen?bsn=${BSN}&page=1&pageSize=50`]: {
        status: 200,
        body: list([
          actie(),
          actie({
            actieId: 'ebfa57bf-3faa-4b05-9f01-4fecdfd1064c',
            actieNaam: 'Gezocht in de BRP',
            handelingNaam: 'zoeken',
            gegevensbron: 'brp',
            gebruiker: undefined,
            systeem: 'klantinteracties-api (integratie)',
            verwerkteObjecten: [
              {
                ...actie().verwerkteObjecten[0]!,
                verwerkteSoortenGegevens: [
                  { soortGegeven: 'identificatie' },
                  { soortGegeven: 'contactgegevens' },
                ],
              },
            ],
          }),
        ]),
      },
    });
    const field = screen.getByRole('textbox', { name: 'BSN van de inwoner' });
    await user.type(field, '12345');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(screen.getByText('Een BSN heeft 9 cijfers.')).toBeInTheDocument();
    expect(field).toHaveFocus();
    expect(api.requests.some((r) => r.path.startsWith('/api/audit/verwerkingen'))).toBe(false);

    await user.clear(field);
    await user.type(field, BSN);
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(await screen.findByTestId('verwerkingen-count')).toHaveTextContent(
      '2 verwerkingsacties gevonden.',
    );
    const table = screen.getByRole('table', { name: /Verwerkingsacties, nieuwste eerst/ });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Wanneer', 'Wie', 'Handeling', 'Gegevens', 'Doel', 'Bron']);
    const rows = within(table).getAllByTestId('verwerkingsactie');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(first.slice(1)).toEqual([
      'Anna de Vries (medewerker)',
      'IngezienGegevens inzien (Zaken)',
      'zaken',
      'Vraag van een inwoner zonder actief contactKlantcontact afhandelen (KCC)',
      'Zaken',
    ]);
    expect(rows[1]).toHaveTextContent('Systeem: klantinteracties-api (integratie)');
    expect(rows[1]).toHaveTextContent('identificatie, contactgegevens');
    expect(rows[1]).toHaveTextContent('Gezocht');
    expect(
      api.requests.find((r) => r.path.startsWith('/api/audit/verwerkingen'))?.headers.authorization,
    ).toBe('Bearer priya-token');
  });

  it('shows the server reason at the field', async () => {
    const user = userEvent.setup();
    renderPrivacy({
      'GET /api/audit/verwerkingen': {
        status: 400,
        body: {
          title: 'Ongeldige invoer',
          status: 400,
          invalidParams: [{ name: 'query.bsn', code: 'custom', reason: 'Dit BSN klopt niet (11-proef)' }],
        },
      },
    });
    // Valid by the 11-proef here; the server answer is shown as it comes.
    await user.type(screen.getByRole('textbox', { name: 'BSN van de inwoner' }), '999990111');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(await screen.findByText('Dit BSN klopt niet (11-proef)')).toBeInTheDocument();
  });

  it('exports JSON and CSV through the server with the Bearer token as a download', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => 'blob:export');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this.download);
    });
    const { api } = renderPrivacy({
      'GET /api/audit/verwerkingen': { status: 200, body: list([actie()]) },
      'GET /api/audit/verwerkingen/export': { status: 200, body: { aantal: 1 } },
    });
    await user.type(screen.getByRole('textbox', { name: 'BSN van de inwoner' }), BSN);
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    await user.click(await screen.findByRole('button', { name: 'Exporteren als JSON' }));
    expect(await screen.findByTestId('export-done')).toHaveTextContent(
      /Het bestand verwerkingen-inzageverzoek-\d{4}-\d{2}-\d{2}\.json is gedownload\./,
    );
    await user.click(screen.getByRole('button', { name: 'Exporteren als CSV' }));
    await waitFor(() => expect(screen.getByTestId('export-done')).toHaveTextContent(/\.csv is gedownload/));

    const exports = api.requests.filter((r) => r.path.startsWith('/api/audit/verwerkingen/export'));
    expect(exports.map((r) => r.path)).toEqual([
      `/api/audit/verwerkingen/export?bsn=${BSN}&format=json`,
      `/api/audit/verwerkingen/export?bsn=${BSN}&format=csv`,
    ]);
    expect(exports.every((r) => r.headers.authorization === 'Bearer priya-token')).toBe(true);
    expect(createObjectURL).toHaveBeenCalledTimes(2);
    expect(clicks).toHaveLength(2);
    click.mockRestore();
  });

  it('says when an export is refused', async () => {
    const user = userEvent.setup();
    renderPrivacy({
      'GET /api/audit/verwerkingen': { status: 200, body: list([]) },
      'GET /api/audit/verwerkingen/export': { status: 403, body: { title: 'Geen toegang', status: 403 } },
    });
    await user.type(screen.getByRole('textbox', { name: 'BSN van de inwoner' }), BSN);
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(await screen.findByTestId('verwerkingen-count')).toHaveTextContent(
      '0 verwerkingsacties gevonden.',
    );
    expect(screen.queryByRole('table', { name: /^Verwerkingsacties/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Exporteren als CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('U mag het verwerkingenlog niet exporteren.');
  });

  it('shows that the chain is intact, with the head hash to note down', async () => {
    renderPrivacy({});
    const chain = await screen.findByTestId('chain-status');
    await waitFor(() =>
      expect(chain).toHaveTextContent('Het logboek is onveranderd. 6 verwerkingsacties gecontroleerd'),
    );
    expect(within(chain).getByTestId('head-hash')).toHaveTextContent('c68aa433');
  });

  it('reports a broken chain', async () => {
    renderPrivacy({
      'GET /api/audit/verify': {
        status: 200,
        body: {
          ok: false,
          count: 12,
          headHash: 'f'.repeat(64),
          checkedAt: '2026-11-23T20:46:05.209Z',
          broken: { seq: 7, reason: 'content-changed', melding: 'Regel 7 is na het vastleggen veranderd' },
        },
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Het logboek is aangepast of beschadigd. Regel 7 is na het vastleggen veranderd (bij volgnummer 7).',
    );
  });
});
