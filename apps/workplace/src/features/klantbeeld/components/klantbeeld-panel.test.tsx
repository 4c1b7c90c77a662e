import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  klantbeeldKnown,
  klantbeeldUnknown,
  partij,
  PARTIJ2_UUID,
  PARTIJ_UUID,
} from '../../../testing/fixtures';
import { renderWithProviders, type RenderRoutes } from '../../../testing/render-app';
import { KlantbeeldPanel } from './klantbeeld-panel';

const KLANTBEELD = 'GET /api/contacts/c-1/klantbeeld';
const LINK = 'POST /api/contacts/c-1/partij';

/** The resident of c-1 gave no toestemmingen yet (the panel's toestemmingen section reads them). */
const GEEN_TOESTEMMINGEN = {
  'GET /api/contacts/c-1/toestemmingen': {
    status: 200,
    body: { actueel: [], geschiedenis: [], vastleggenToegestaan: false, terugkoppelingen: [] },
  },
};

function renderPanel(routes: RenderRoutes) {
  return renderWithProviders(<KlantbeeldPanel contactId="c-1" from={{ phone: '+31687654321' }} />, {
    routes: { ...GEEN_TOESTEMMINGEN, ...routes },
  });
}

describe('KlantbeeldPanel', () => {
  it('shows a recognised partij with masked BSN, digitale adressen and history', async () => {
    const user = userEvent.setup();
    renderPanel({ [KLANTBEELD]: { status: 200, body: klantbeeldKnown() } });
    expect(await screen.findByTestId('partij-naam')).toHaveTextContent('Jan Jansen');
    expect(screen.getByTestId('herkenning')).toHaveTextContent('Herkend via telefoonnummer');
    expect(screen.getByTestId('bsn')).toHaveTextContent('••••••653');
    expect(screen.getByTestId('klantbeeld')).not.toHaveTextContent('999993653');
    expect(screen.getByText('jan@example.nl')).toBeInTheDocument();
    const history = screen.getByTestId('klantcontact-history');
    expect(history).toHaveTextContent('E-mail');
    expect(history).toHaveTextContent('Parkeervergunning');
    expect(history).toHaveTextContent('Zelfstandig afgehandeld');

    await user.click(screen.getByRole('button', { name: 'Toon BSN' }));
    expect(screen.getByTestId('bsn')).toHaveTextContent('999993653');
    expect(screen.getByRole('button', { name: 'Verberg BSN' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('links an unknown caller to an existing partij found by search', async () => {
    const user = userEvent.setup();
    let linked = false;
    const { api } = renderPanel({
      [KLANTBEELD]: () => ({
        status: 200,
        body: linked ? { ...klantbeeldKnown(), herkenning: 'gekoppeld' } : klantbeeldUnknown(),
      }),
      'GET /api/partijen': { status: 200, body: { items: [partij()] } },
      [LINK]: () => {
        linked = true;
        return { status: 200, body: { partij: partij() } };
      },
    });
    expect(await screen.findByTestId('herkenning')).toHaveTextContent('Onbekende klant');
    await user.click(screen.getByRole('button', { name: 'Klant zoeken' }));
    await user.type(screen.getByRole('searchbox', { name: 'Zoek een bestaande klant' }), 'Jansen');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    const results = await screen.findByTestId('partij-search-results');
    // The contact is the search's purpose.
    expect(api.requests.some((r) => r.path === '/api/partijen?q=Jansen&contactId=c-1')).toBe(true);
    expect(screen.getByTestId('partij-search-count')).toHaveTextContent('1 klant gevonden.');
    await user.click(within(results).getByRole('button', { name: 'Koppelen: Jan Jansen' }));

    await waitFor(() =>
      expect(screen.getByTestId('herkenning')).toHaveTextContent('Gekoppeld door medewerker'),
    );
    expect(api.requestsTo('POST', '/api/contacts/c-1/partij')[0]?.body).toEqual({ uuid: PARTIJ_UUID });
    expect(screen.getByTestId('partij-naam')).toHaveTextContent('Jan Jansen');
  });

  it('creates a new partij with the caller number prefilled and shows server reasons per field', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const { api } = renderPanel({
      [KLANTBEELD]: { status: 200, body: klantbeeldUnknown() },
      [LINK]: () =>
        ++attempts === 1
          ? {
              status: 400,
              body: {
                title: 'Ongeldige invoer',
                status: 400,
                invalidParams: [
                  { name: 'nieuw.email', code: 'custom', reason: 'Dit e-mailadres is al in gebruik.' },
                ],
              },
            }
          : { status: 201, body: { partij: partij({ naam: 'Fatima el Amrani', uuid: PARTIJ2_UUID }) } },
    });
    await user.click(await screen.findByRole('button', { name: 'Nieuwe klant aanmaken' }));
    const form = screen.getByTestId('new-partij-form');
    expect(within(form).getByRole('textbox', { name: 'Telefoonnummer' })).toHaveValue('+31687654321');

    await user.click(within(form).getByRole('button', { name: 'Klant aanmaken en koppelen' }));
    expect(within(form).getByText('Vul de achternaam in.')).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/contacts/c-1/partij')).toHaveLength(0);

    await user.type(within(form).getByRole('textbox', { name: 'Voornaam' }), 'Fatima');
    await user.type(within(form).getByRole('textbox', { name: 'Tussenvoegsel' }), 'el');
    await user.type(within(form).getByRole('textbox', { name: 'Achternaam' }), 'Amrani');
    await user.type(within(form).getByRole('textbox', { name: 'E-mailadres' }), 'fatima@example.nl');
    await user.type(within(form).getByRole('textbox', { name: 'BSN' }), '12345');
    await user.click(within(form).getByRole('button', { name: 'Klant aanmaken en koppelen' }));
    expect(within(form).getByText('Een BSN heeft 9 cijfers.')).toBeInTheDocument();

    await user.clear(within(form).getByRole('textbox', { name: 'BSN' }));
    await user.click(within(form).getByRole('button', { name: 'Klant aanmaken en koppelen' }));
    expect(await within(form).findByText('Dit e-mailadres is al in gebruik.')).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/contacts/c-1/partij')[0]?.body).toEqual({
      nieuw: {
        voornaam: 'Fatima',
        voorvoegselAchternaam: 'el',
        achternaam: 'Amrani',
        telefoonnummer: '+31687654321',
        email: 'fatima@example.nl',
      },
    });

    await user.click(within(form).getByRole('button', { name: 'Klant aanmaken en koppelen' }));
    await waitFor(() => expect(screen.queryByTestId('new-partij-form')).toBeNull());
  });

  it('lets the agent choose between several kandidaten', async () => {
    const user = userEvent.setup();
    const { api } = renderPanel({
      [KLANTBEELD]: {
        status: 200,
        body: {
          ...klantbeeldUnknown(),
          herkenning: 'telefoon',
          kandidaten: [partij(), partij({ uuid: PARTIJ2_UUID, naam: 'Marie Jansen', bsn: undefined })],
        },
      },
      [LINK]: { status: 200, body: { partij: partij() } },
    });
    expect(await screen.findByText(/Er zijn 2 klanten gevonden/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Kies Marie Jansen' }));
    await waitFor(() =>
      expect(api.requestsTo('POST', '/api/contacts/c-1/partij')[0]?.body).toEqual({ uuid: PARTIJ2_UUID }),
    );
  });

  it('offers a retry when the klantbeeld cannot be loaded', async () => {
    renderPanel({ [KLANTBEELD]: { status: 503, body: { title: 'Register niet bereikbaar', status: 503 } } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Register niet bereikbaar');
    expect(screen.getByRole('button', { name: 'Opnieuw proberen' })).toBeInTheDocument();
  });

  it('says when the klantregister could not be reached, and tries again on request', async () => {
    const user = userEvent.setup();
    let calls = 0;
    renderPanel({
      [KLANTBEELD]: () =>
        ++calls === 1
          ? {
              status: 200,
              body: {
                ...klantbeeldUnknown(),
                storing: 'Het klantregister is nu niet bereikbaar. Daarom is de klant niet herkend.',
              },
            }
          : { status: 200, body: klantbeeldKnown() },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Het klantregister is nu niet bereikbaar.');
    await user.click(within(alert).getByRole('button', { name: 'Opnieuw proberen' }));
    expect(await screen.findByTestId('partij-naam')).toHaveTextContent('Jan Jansen');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows why a search could not run, instead of "no results"', async () => {
    const user = userEvent.setup();
    renderPanel({
      [KLANTBEELD]: { status: 200, body: klantbeeldUnknown() },
      'GET /api/partijen': {
        status: 200,
        body: { items: [], melding: 'Open Klant kan niet op naam zoeken.' },
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Klant zoeken' }));
    await user.type(screen.getByRole('searchbox', { name: 'Zoek een bestaande klant' }), 'Jansen');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    expect(await screen.findByTestId('partij-search-melding')).toHaveTextContent(
      'Open Klant kan niet op naam zoeken.',
    );
    expect(screen.queryByText('Geen klant gevonden.')).toBeNull();
  });
});
