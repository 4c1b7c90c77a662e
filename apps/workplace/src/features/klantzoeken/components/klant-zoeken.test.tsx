import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders, type RenderRoutes } from '../../../testing/render-app';
import { KlantZoeken } from './klant-zoeken';

const DOELEN = {
  status: 200,
  body: {
    items: [
      { code: 'terugbelverzoek_afhandelen', label: 'Terugbelverzoek afhandelen' },
      { code: 'klantvraag_zonder_contact', label: 'Vraag van een inwoner zonder actief contact' },
    ],
  },
};
const JANSENS = {
  status: 200,
  body: {
    items: [
      {
        bsn: '999990111',
        volledigeNaam: 'Kees Jansen',
        geboortedatum: '1970-07-07',
        adresregels: ['Lindelaan 6', '1234 AB  VOORBEELDSTAD'],
        geheimhouding: false,
      },
      {
        bsn: '999990925',
        volledigeNaam: 'Anouk Jansen',
        geboortedatum: '1970-07-07',
        adresregels: ['Havenkade 3', '1238 LM  VOORBEELDSTAD'],
        geheimhouding: true,
      },
    ],
    maximumBereikt: true,
  },
};

function renderZoeken(routes: RenderRoutes, contact?: { id: string; label: string }) {
  const onOpen = vi.fn();
  const result = renderWithProviders(<KlantZoeken contact={contact} onOpen={onOpen} onClose={vi.fn()} />, {
    routes: { 'GET /api/klantbeeld/doelen': DOELEN, ...routes },
  });
  return { ...result, onOpen };
}

describe('KlantZoeken', () => {
  it('requires a purpose without an open contact and checks the fields before searching', async () => {
    const user = userEvent.setup();
    const { api } = renderZoeken({});
    expect(screen.getByRole('heading', { name: 'Klant opzoeken' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    const bsn = screen.getByRole('textbox', { name: 'BSN' });
    expect(bsn).toHaveAttribute('aria-invalid', 'true');
    expect(bsn).toHaveFocus();
    expect(screen.getByText('Vul het BSN in.')).toBeInTheDocument();
    expect(
      screen.getByText('Kies een doel. Zonder doel mag u geen gegevens van inwoners inzien.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Doel' })).toHaveAttribute('aria-invalid', 'true');

    await user.type(bsn, '999993654');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(screen.getByText('Dit BSN klopt niet. Controleer het nummer.')).toBeInTheDocument();
    expect(api.requests.some((r) => r.path.startsWith('/api/klantbeeld/personen'))).toBe(false);
  });

  it('finds persons by name and birth date with the chosen purpose, and opens one', async () => {
    const user = userEvent.setup();
    const { api, onOpen } = renderZoeken({ 'GET /api/klantbeeld/personen': JANSENS });
    await user.click(screen.getByRole('radio', { name: 'Achternaam en geboortedatum' }));
    await user.type(screen.getByRole('textbox', { name: 'Achternaam' }), 'Jansen');
    await user.type(screen.getByRole('textbox', { name: 'Geboortedatum' }), '07-07-1970');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Doel' })).toBeEnabled());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Doel' }), 'klantvraag_zonder_contact');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));

    const results = await screen.findByTestId('zoek-resultaten');
    expect(
      api.requestsTo(
        'GET',
        '/api/klantbeeld/personen?geslachtsnaam=Jansen&geboortedatum=1970-07-07&doel=klantvraag_zonder_contact',
      ),
    ).toHaveLength(1);
    expect(screen.getByText('2 resultaten gevonden.')).toBeInTheDocument();
    expect(screen.getByTestId('maximum-bereikt')).toHaveTextContent('Maximum bereikt.');
    const items = within(results).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Kees Jansen');
    expect(items[0]).toHaveTextContent('geboren 07-07-1970');
    expect(items[1]).toHaveTextContent('Geheimhouding');

    await user.click(within(results).getByRole('button', { name: 'Klantbeeld openen: Anouk Jansen' }));
    expect(onOpen).toHaveBeenCalledWith(
      { soort: 'persoon', bsn: '999990925' },
      { doel: 'klantvraag_zonder_contact' },
    );
  });

  it('uses the open contact as the purpose and searches companies by KvK-nummer', async () => {
    const user = userEvent.setup();
    const { api, onOpen } = renderZoeken(
      {
        'GET /api/klantbeeld/organisaties': {
          status: 200,
          body: {
            items: [
              {
                kvkNummer: '90005678',
                vestigingsnummer: '000098765432',
                naam: 'Fietsenmaker Visser',
                type: 'hoofdvestiging',
                adresregels: ['Stationsweg 118', '1235 EF Voorbeeldstad'],
                actief: true,
              },
            ],
            maximumBereikt: false,
          },
        },
      },
      { id: 'c-1', label: 'Jan Jansen' },
    );
    expect(screen.queryByRole('combobox', { name: 'Doel' })).toBeNull();
    expect(screen.getByTestId('zoek-doel')).toHaveTextContent('Doel: het open contact met Jan Jansen.');
    await user.click(screen.getByRole('radio', { name: 'Bedrijf' }));
    expect(screen.getByRole('radio', { name: 'KvK-nummer' })).toBeChecked();
    await user.type(screen.getByRole('textbox', { name: 'KvK-nummer' }), '90005678');
    await user.keyboard('{Enter}');
    const results = await screen.findByTestId('zoek-resultaten');
    expect(
      api.requestsTo('GET', '/api/klantbeeld/organisaties?kvkNummer=90005678&contactId=c-1'),
    ).toHaveLength(1);
    expect(results).toHaveTextContent('KvK 90005678 · Hoofdvestiging');
    expect(screen.queryByTestId('maximum-bereikt')).toBeNull();
    await user.click(within(results).getByRole('button', { name: 'Klantbeeld openen: Fietsenmaker Visser' }));
    expect(onOpen).toHaveBeenCalledWith(
      { soort: 'organisatie', kvkNummer: '90005678' },
      { contactId: 'c-1' },
    );
  });

  it('shows the server reasons at the fields (invalidParams) and other refusals as an alert', async () => {
    const user = userEvent.setup();
    let call = 0;
    renderZoeken(
      {
        'GET /api/klantbeeld/personen': () =>
          ++call === 1
            ? {
                status: 400,
                body: {
                  title: 'Ongeldige invoer',
                  status: 400,
                  invalidParams: [
                    { name: 'query.postcode', code: 'invalid', reason: 'Deze postcode bestaat niet.' },
                  ],
                },
              }
            : {
                status: 503,
                body: {
                  title: 'Register niet beschikbaar',
                  status: 503,
                  detail: 'De BRP is tijdelijk niet beschikbaar.',
                },
              },
      },
      { id: 'c-1', label: 'Jan Jansen' },
    );
    await user.click(screen.getByRole('radio', { name: 'Postcode en huisnummer' }));
    await user.type(screen.getByRole('textbox', { name: 'Postcode' }), '9999 zz');
    await user.type(screen.getByRole('textbox', { name: 'Huisnummer' }), '1');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(await screen.findByText('Deze postcode bestaat niet.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Postcode' })).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Zoeken is niet gelukt. Register niet beschikbaar. De BRP is tijdelijk niet beschikbaar.',
    );
  });

  it('says so when nobody is found', async () => {
    const user = userEvent.setup();
    renderZoeken(
      { 'GET /api/klantbeeld/personen': { status: 200, body: { items: [], maximumBereikt: false } } },
      { id: 'c-1', label: 'Jan Jansen' },
    );
    await user.type(screen.getByRole('textbox', { name: 'BSN' }), '999990111');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(await screen.findByText('Niemand gevonden. Controleer wat u heeft ingevuld.')).toBeInTheDocument();
    expect(screen.queryByTestId('zoek-resultaten')).toBeNull();
  });
});
