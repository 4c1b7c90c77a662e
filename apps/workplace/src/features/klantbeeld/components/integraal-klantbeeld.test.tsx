import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render-app';
import { fatimaPartij, geverifieerd, integraalFatima } from '../testing/integraal-fixtures';
import { KlantbeeldPanel } from './klantbeeld-panel';

const KLANTBEELD = 'GET /api/contacts/c-1/klantbeeld';

function renderPanel(integraal = integraalFatima()) {
  return renderWithProviders(<KlantbeeldPanel contactId="c-1" from={{ phone: '0612345678' }} />, {
    routes: {
      [KLANTBEELD]: {
        status: 200,
        body: {
          herkenning: 'telefoon',
          partij: fatimaPartij(),
          kandidaten: [],
          klantcontacten: [],
          openInterneTaken: [],
          identificatie: geverifieerd(),
          integraal,
        },
      },
    },
  });
}

describe('KlantbeeldPanel with the integraal klantbeeld', () => {
  it('shows signals first, identity for verification only, contact details, zaken, history and taken', async () => {
    renderPanel();
    expect(await screen.findByTestId('partij-naam')).toHaveTextContent('Fatima El Amrani');
    const panel = screen.getByTestId('klantbeeld');

    // Signals come before every section.
    const signalen = within(panel).getByTestId('signalen');
    const identiteit = within(panel).getByTestId('identiteit');
    expect(signalen.compareDocumentPosition(identiteit) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const items = within(signalen).getAllByTestId('signaal');
    expect(items.map((s) => s.dataset.soort)).toEqual([
      'zaak_termijn_verstreken',
      'recent_contact_zelfde_onderwerp',
    ]);
    expect(items[0]).toHaveTextContent('Let op: Zaak ZAAK-2026-0001231');
    expect(items[1]).toHaveTextContent('Goed om te weten:');

    expect(within(identiteit).getByTestId('alleen-ter-verificatie')).toHaveTextContent(
      'Alleen ter verificatie',
    );
    expect(within(identiteit).getByTestId('bsn')).toHaveTextContent('••••••653');
    expect(identiteit).toHaveTextContent('12 maart 1984');
    expect(identiteit).toHaveTextContent('Lindelaan 4');
    expect(within(identiteit).queryByTestId('geheimhouding')).toBeNull();

    expect(within(panel).getByTestId('voorkeurskanaal')).toHaveTextContent(
      'Voorkeurskanaal: Telefoon (0612345678)',
    );

    const zaken = within(panel).getAllByTestId('zaak');
    expect(zaken).toHaveLength(2);
    expect(zaken[0]).toHaveAttribute('data-termijn-verstreken', 'true');
    // Past deadline said in words, not by colour alone.
    expect(within(zaken[0]!).getByTestId('zaak-deadline')).toHaveTextContent(
      '20 november 2026Termijn verstreken',
    );
    expect(within(zaken[0]!).getByTestId('zaak-status')).toHaveTextContent('In behandeling');
    expect(within(zaken[0]!).getByTestId('zaak-behandelaar')).toHaveTextContent('Team Belastingen, R. Smit');
    expect(zaken[1]).not.toHaveTextContent('Termijn verstreken');
    expect(within(zaken[1]!).getByTestId('zaak-behandelaar')).toHaveTextContent('Nog niet toegewezen');

    expect(within(panel).getByTestId('klantcontact-history').querySelectorAll('li')).toHaveLength(3);
    expect(within(panel).getByTestId('interne-taken-klant')).toHaveTextContent(
      'Terugbellen over taxatieverslag WOZ',
    );
    expect(within(panel).getByTestId('verantwoording')).toHaveTextContent(
      'Ingezien voor: Contact via telefoon',
    );
    expect(within(panel).getByTestId('verantwoording')).toHaveTextContent('BRP (geladen)');
  });

  it('filters the history by channel', async () => {
    const user = userEvent.setup();
    renderPanel();
    const history = await screen.findByTestId('klantcontact-history');
    const filter = screen.getByRole('combobox', { name: 'Toon kanaal' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Alle kanalen (3)', 'E-mail (1)', 'Telefoon (2)']);
    await user.selectOptions(filter, 'telefoon');
    const shown = within(history).getAllByRole('listitem');
    expect(shown).toHaveLength(2);
    expect(shown.every((li) => li.dataset.kanaal === 'telefoon')).toBe(true);
    expect(history).not.toHaveTextContent('Bezwaar WOZ-waarde');
    expect(screen.getByText('2 contacten getoond')).toBeInTheDocument();
    await user.selectOptions(filter, '');
    expect(within(history).getAllByRole('listitem')).toHaveLength(3);
  });

  it('shows the melding of a register that is down while the rest of the klantbeeld renders', async () => {
    renderPanel(
      integraalFatima({
        zaken: { status: 'niet_beschikbaar', melding: 'Zaken tijdelijk niet beschikbaar' },
        signalen: [],
      }),
    );
    const zaken = await screen.findByTestId('zaken');
    expect(zaken).toHaveAttribute('data-status', 'niet_beschikbaar');
    expect(within(zaken).getByTestId('sectie-melding')).toHaveTextContent(
      'Let op: Zaken tijdelijk niet beschikbaar.',
    );
    expect(within(zaken).queryByTestId('zaak')).toBeNull();
    expect(screen.getByTestId('identiteit')).toHaveAttribute('data-status', 'beschikbaar');
    expect(screen.getByTestId('klantcontact-history')).toBeInTheDocument();
    expect(screen.getByTestId('interne-taken-klant')).toHaveTextContent('Terugbellen');
    expect(screen.queryByTestId('signalen')).toBeNull();
  });

  it('warns clearly about geheimhouding and shows sections that do not apply', async () => {
    const base = integraalFatima();
    if (base.identiteit.status !== 'beschikbaar' || base.identiteit.data.soort !== 'persoon')
      throw new Error('fixture');
    renderPanel(
      integraalFatima({
        identiteit: { status: 'beschikbaar', data: { ...base.identiteit.data, geheimhouding: true } },
        interneTaken: { status: 'niet_van_toepassing', melding: 'Nog niet bekend in het klantregister' },
      }),
    );
    const warning = await screen.findByTestId('geheimhouding');
    expect(warning).toHaveAttribute('role', 'note');
    expect(warning).toHaveTextContent(
      'Geheimhouding. Deze inwoner wil dat zijn of haar gegevens geheim blijven.',
    );
    expect(within(screen.getByTestId('interne-taken-klant')).getByTestId('sectie-melding')).toHaveTextContent(
      'Nog niet bekend in het klantregister.',
    );
  });

  it('marks registrations the klantregister (Open Klant) does not have yet, or refused', async () => {
    const base = integraalFatima();
    if (base.klantcontacten.status !== 'beschikbaar') throw new Error('fixture');
    const [eerste, tweede, ...rest] = base.klantcontacten.data.items;
    renderPanel(
      integraalFatima({
        klantcontacten: {
          status: 'beschikbaar',
          data: {
            ...base.klantcontacten.data,
            items: [{ ...eerste!, doorsturen: 'wachtend' }, { ...tweede!, doorsturen: 'mislukt' }, ...rest],
          },
        },
      }),
    );
    const marks = await screen.findAllByTestId('doorsturen');
    expect(marks.map((m) => m.textContent)).toEqual([
      'Wordt nog opgeslagen in het klantregister',
      'Niet opgeslagen in het klantregister. Meld dit aan de beheerder.',
    ]);
    expect(marks[0]!.closest('li')).toHaveTextContent('Bezwaar WOZ-waarde');
  });
});
