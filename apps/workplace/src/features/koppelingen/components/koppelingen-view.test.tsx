import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KoppelingenResponse, OutboxItem } from '@kcc/contracts/klantbeeld';
import { formatDateTime } from '../../../lib/format';
import { renderWithProviders } from '../../../testing/render-app';
import { KOPPELINGEN_REFETCH_MS } from '../api/get-koppelingen';
import { KoppelingenView } from './koppelingen-view';

const PATH = '/api/beheer/koppelingen';
const ID_1 = '5e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ID_2 = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const retryPath = (id: string) => `/api/beheer/koppelingen/openklant-outbox/${id}/opnieuw`;

const embeddedRegisters: KoppelingenResponse['registers'] = [
  { register: 'klantinteracties', bron: 'embedded' },
  { register: 'brp', bron: 'embedded' },
  { register: 'kvk', bron: 'embedded' },
  { register: 'zaken', bron: 'embedded' },
];

const wachtend: OutboxItem = {
  id: ID_1,
  referentienummer: 'KC7Q2M9XRT',
  state: 'wachtend',
  attempts: 3,
  lastError: 'Open Klant antwoordde niet binnen 2000 ms (timeout)',
  aangemaaktOp: '2026-03-02T09:15:00.000Z',
  volgendePogingOp: '2026-03-02T09:16:04.000Z',
};
const gecompenseerd: OutboxItem = {
  id: ID_2,
  referentienummer: 'KC4H8N2PLA',
  state: 'gecompenseerd',
  attempts: 1,
  lastError: 'Open Klant weigerde de betrokkene (400)',
  aangemaaktOp: '2026-03-02T08:00:00.000Z',
};

const withOutbox = (items: OutboxItem[] = [wachtend, gecompenseerd]): KoppelingenResponse => ({
  registers: [
    { register: 'klantinteracties', bron: 'extern' },
    { register: 'brp', bron: 'embedded' },
    { register: 'kvk', bron: 'embedded' },
    { register: 'zaken', bron: 'extern' },
  ],
  openKlantOutbox: {
    aantallen: {
      wachtend: items.filter((i) => i.state === 'wachtend').length,
      verstuurd: 12,
      gecompenseerd: items.filter((i) => i.state === 'gecompenseerd').length,
      mislukt: 0,
    },
    ...(items.some((i) => i.state === 'wachtend') ? { oudsteWachtendSinds: '2026-03-02T09:15:00.000Z' } : {}),
    items,
  },
});

/** The cells of one table row, header cell first, as text. */
const rowTexts = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

afterEach(() => {
  vi.useRealTimers();
});

describe('KoppelingenView', () => {
  it('without Open Klant: every register as built-in demo data, in Dutch, and says Open Klant is not set up', async () => {
    renderWithProviders(<KoppelingenView />, {
      routes: { [`GET ${PATH}`]: { status: 200, body: { registers: embeddedRegisters } } },
    });
    expect(screen.getByRole('heading', { name: 'Koppelingen', level: 1 })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Registers' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Register', 'Bron']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(rowTexts)).toEqual([
      ['Klantregister (Klantinteracties)', 'Ingebouwd (demogegevens)'],
      ['BRP (personen)', 'Ingebouwd (demogegevens)'],
      ['Handelsregister (KvK)', 'Ingebouwd (demogegevens)'],
      ['Zaken (Open Zaak)', 'Ingebouwd (demogegevens)'],
    ]);
    for (const header of within(table).getAllByRole('columnheader'))
      expect(header).toHaveAttribute('scope', 'col');
    for (const header of within(table).getAllByRole('rowheader'))
      expect(header).toHaveAttribute('scope', 'row');
    expect(
      screen.getByText('Open Klant is niet ingesteld. Registraties blijven in de ingebouwde opslag.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Doorsturen naar Open Klant' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Opnieuw proberen/ })).toBeNull();
  });

  it('with Open Klant: connected registers, the counts, the oldest waiting one and every open registration', async () => {
    renderWithProviders(<KoppelingenView />, {
      routes: { [`GET ${PATH}`]: { status: 200, body: withOutbox() } },
    });
    const registers = await screen.findByRole('table', { name: 'Registers' });
    expect(within(registers).getAllByRole('row').slice(1).map(rowTexts)).toEqual([
      ['Klantregister (Klantinteracties)', 'Gekoppeld'],
      ['BRP (personen)', 'Ingebouwd (demogegevens)'],
      ['Handelsregister (KvK)', 'Ingebouwd (demogegevens)'],
      ['Zaken (Open Zaak)', 'Gekoppeld'],
    ]);
    const section = screen.getByRole('region', { name: 'Doorsturen naar Open Klant' });
    const counts = within(section).getByTestId('outbox-aantallen');
    const terms = within(counts)
      .getAllByRole('term')
      .map((t) => t.textContent);
    const values = within(counts)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    expect(Object.fromEntries(terms.map((t, i) => [t, values[i]]))).toEqual({
      Wachtend: '1',
      Doorgestuurd: '12',
      Teruggedraaid: '1',
      Mislukt: '0',
    });
    expect(within(section).getByTestId('oudste-wachtend')).toHaveTextContent(
      `Oudste wachtende sinds ${formatDateTime('2026-03-02T09:15:00.000Z')}`,
    );
    // A Dutch date with a month name, not the ISO string.
    expect(within(section).getByTestId('oudste-wachtend').textContent).toMatch(/2 mrt\.? 2026/);

    const table = within(section).getByRole('table', { name: 'Registraties die nog niet zijn doorgestuurd' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'Referentienummer',
      'Status',
      'Pogingen',
      'Laatste fout',
      'Aangemaakt',
      'Volgende poging',
      'Actie',
    ]);
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(rowTexts(first!)).toEqual([
      'KC7Q2M9XRT',
      'Wachtend',
      '3',
      'Open Klant antwoordde niet binnen 2000 ms (timeout)',
      formatDateTime(wachtend.aangemaaktOp),
      formatDateTime(wachtend.volgendePogingOp!),
      'Opnieuw proberen',
    ]);
    // No next attempt for a registration that was rolled back: it waits for the beheerder.
    expect(rowTexts(second!)).toEqual([
      'KC4H8N2PLA',
      'Teruggedraaid',
      '1',
      'Open Klant weigerde de betrokkene (400)',
      formatDateTime(gecompenseerd.aangemaaktOp),
      '—geen',
      'Opnieuw proberen',
    ]);
    expect(within(section).getByRole('button', { name: 'Opnieuw proberen: KC7Q2M9XRT' })).toBeEnabled();
    expect(within(section).getByRole('button', { name: 'Opnieuw proberen: KC4H8N2PLA' })).toBeEnabled();
    expect(screen.queryByText(/Open Klant is niet ingesteld/)).toBeNull();
  });

  it('says so when nothing is waiting, and when the list shows only the newest registrations', async () => {
    const { api } = renderWithProviders(<KoppelingenView />, {
      routes: { [`GET ${PATH}`]: { status: 200, body: withOutbox([]) } },
    });
    expect(await screen.findByText('Alle registraties staan in Open Klant.')).toBeInTheDocument();
    expect(screen.queryByTestId('oudste-wachtend')).toBeNull();

    const many = withOutbox([wachtend]);
    many.openKlantOutbox!.aantallen.wachtend = 60;
    api.route(`GET ${PATH}`, { status: 200, body: many });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Vernieuwen' }));
    expect(
      await screen.findByText('U ziet de 1 nieuwste van 60 registraties die nog niet in Open Klant staan.'),
    ).toBeInTheDocument();
  });

  it('retries one registration: posts to its own URL, tells the result and loads the list again', async () => {
    const user = userEvent.setup();
    let forwarded = false;
    const { api } = renderWithProviders(<KoppelingenView />, {
      routes: {
        [`GET ${PATH}`]: () => ({
          status: 200,
          body: withOutbox(forwarded ? [wachtend] : [wachtend, gecompenseerd]),
        }),
        [`POST ${retryPath(ID_2)}`]: () => {
          forwarded = true;
          return { status: 200, body: { item: { id: ID_2, state: 'wachtend' } } };
        },
      },
    });
    const button = await screen.findByRole('button', { name: 'Opnieuw proberen: KC4H8N2PLA' });
    expect(api.requestsTo('GET', PATH)).toHaveLength(1);
    await user.click(button);

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Registratie KC4H8N2PLA staat weer klaar en wordt zo opnieuw naar Open Klant gestuurd.',
    );
    const posts = api.requestsTo('POST', retryPath(ID_2));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({});
    expect(api.requestsTo('POST', retryPath(ID_1))).toHaveLength(0);
    await waitFor(() => expect(api.requestsTo('GET', PATH)).toHaveLength(2));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Opnieuw proberen: KC4H8N2PLA' })).toBeNull(),
    );
    // Its button left with the row: the focus goes to the section heading, not lost to the page.
    expect(screen.getByRole('heading', { name: 'Doorsturen naar Open Klant' })).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows why a retry was refused (already in Open Klant) as an alert', async () => {
    const user = userEvent.setup();
    const { api } = renderWithProviders(<KoppelingenView />, {
      routes: {
        [`GET ${PATH}`]: { status: 200, body: withOutbox() },
        [`POST ${retryPath(ID_1)}`]: {
          status: 409,
          body: { title: 'Conflict', status: 409, detail: 'Deze registratie staat al in Open Klant.' },
        },
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Opnieuw proberen: KC7Q2M9XRT' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Opnieuw proberen lukte niet voor KC7Q2M9XRT. Conflict. Deze registratie staat al in Open Klant.',
    );
    expect(screen.getByRole('status')).toHaveTextContent('');
    // The list on screen was out of date: it is loaded again.
    await waitFor(() => expect(api.requestsTo('GET', PATH)).toHaveLength(2));
  });

  it('shows a load error as an alert, and recovers with Vernieuwen', async () => {
    const user = userEvent.setup();
    const { api } = renderWithProviders(<KoppelingenView />, {
      routes: {
        [`GET ${PATH}`]: {
          status: 403,
          body: { title: 'Geen toegang', status: 403, detail: 'U heeft geen toegang tot deze functie.' },
        },
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'De koppelingen konden niet laden. Geen toegang. U heeft geen toegang tot deze functie.',
    );
    expect(screen.queryByRole('table')).toBeNull();

    api.route(`GET ${PATH}`, { status: 200, body: { registers: embeddedRegisters } });
    await user.click(screen.getByRole('button', { name: 'Vernieuwen' }));
    expect(await screen.findByRole('table', { name: 'Registers' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('loads the overview again every 10 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { api } = renderWithProviders(<KoppelingenView />, {
      routes: { [`GET ${PATH}`]: { status: 200, body: { registers: embeddedRegisters } } },
    });
    await screen.findByRole('table', { name: 'Registers' });
    expect(api.requestsTo('GET', PATH)).toHaveLength(1);
    act(() => vi.advanceTimersByTime(KOPPELINGEN_REFETCH_MS - 100));
    expect(api.requestsTo('GET', PATH)).toHaveLength(1);
    act(() => vi.advanceTimersByTime(100));
    await waitFor(() => expect(api.requestsTo('GET', PATH)).toHaveLength(2));
    act(() => vi.advanceTimersByTime(KOPPELINGEN_REFETCH_MS));
    await waitFor(() => expect(api.requestsTo('GET', PATH)).toHaveLength(3));
  });
});
