import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ContactKlantbeeldResponse, Identificatie } from '@kcc/contracts/klantbeeld';
import { renderWithProviders } from '../../../testing/render-app';
import { fatimaPartij, geverifieerd, integraalFatima } from '../testing/integraal-fixtures';
import { KlantbeeldPanel } from './klantbeeld-panel';

const MELDING = 'Verifieer eerst wie u spreekt. Pas daarna ziet u BRP-gegevens, zaken en signalen.';

const herkend = (pogingenOver = 3): Identificatie => ({
  niveau: 'herkend',
  methode: 'telefoon',
  afgeschermd: ['identiteit', 'zaken', 'signalen'],
  verificatie: { mogelijk: pogingenOver > 0, pogingenOver },
});

function klantbeeld(identificatie: Identificatie): ContactKlantbeeldResponse {
  const { bsn: _bsn, ...partij } = fatimaPartij();
  const verified = identificatie.afgeschermd.length === 0;
  return {
    herkenning: 'telefoon',
    partij: verified ? fatimaPartij() : partij,
    kandidaten: [],
    klantcontacten: [],
    openInterneTaken: [],
    identificatie,
    integraal: verified
      ? integraalFatima()
      : integraalFatima({
          identiteit: { status: 'afgeschermd', melding: MELDING },
          zaken: { status: 'afgeschermd', melding: MELDING },
          signalen: [],
        }),
  };
}

describe('identification levels in the klantbeeld', () => {
  it('shows a herkend resident with a badge, hidden parts explained, and verifies through the dialog', async () => {
    const user = userEvent.setup();
    let state: Identificatie = herkend();
    let attempts = 0;
    const { api } = renderWithProviders(<KlantbeeldPanel contactId="c-1" from={{ phone: '0612345678' }} />, {
      routes: {
        'GET /api/contacts/c-1/klantbeeld': () => ({ status: 200, body: klantbeeld(state) }),
        'POST /api/contacts/c-1/verificatie': () => {
          attempts++;
          if (attempts === 1) {
            state = herkend(2);
            return { status: 200, body: { resultaat: 'onjuist', identificatie: state } };
          }
          state = geverifieerd();
          return { status: 200, body: { resultaat: 'geverifieerd', identificatie: state } };
        },
      },
    });
    const badge = await screen.findByTestId('identificatieniveau');
    expect(badge).toHaveTextContent('Herkend, niet geverifieerd');
    const panel = screen.getByTestId('klantbeeld');
    expect(screen.getByTestId('identificatie-melding')).toHaveTextContent(
      'Daarom ziet u geen BRP-gegevens, zaken en signalen.',
    );
    expect(within(screen.getByTestId('zaken')).getByTestId('sectie-melding')).toHaveTextContent(
      'Afgeschermd.',
    );
    expect(within(screen.getByTestId('identiteit')).getByTestId('sectie-melding')).toHaveTextContent(MELDING);
    expect(panel).not.toHaveTextContent('12 maart 1984');

    await user.click(screen.getByRole('button', { name: 'Verifiëren' }));
    const dialog = screen.getByRole('dialog', { name: 'Klant verifiëren' });
    // Keyboard-first: the first field has focus; the BRP values are nowhere in the dialog.
    expect(within(dialog).getByLabelText(/Geboortedatum/)).toHaveFocus();
    expect(dialog).not.toHaveTextContent('12-03-1984');
    expect(dialog).not.toHaveTextContent('1234');

    // Client-side checks first: nothing is sent for a date that does not exist.
    await user.keyboard('31-02-1984');
    await user.type(within(dialog).getByLabelText(/Postcode/), '1234 ab');
    await user.type(within(dialog).getByLabelText(/Huisnummer/), '4{Enter}');
    expect(within(dialog).getByText(/Typ de geboortedatum als dag-maand-jaar/)).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/contacts/c-1/verificatie')).toHaveLength(0);

    const datum = within(dialog).getByLabelText(/Geboortedatum/);
    await user.clear(datum);
    await user.type(datum, '13-03-1984{Enter}');
    expect(await within(dialog).findByText(/De antwoorden kloppen niet/)).toHaveTextContent('nog 2 keer');
    expect(api.requestsTo('POST', '/api/contacts/c-1/verificatie')[0]?.body).toEqual({
      geboortedatum: '1984-03-13',
      postcode: '1234AB',
      huisnummer: 4,
    });

    await user.clear(datum);
    await user.type(datum, '12-03-1984{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('klantbeeld-live')).toHaveTextContent('De klant is geverifieerd.');
    await waitFor(() => expect(screen.getByTestId('identificatieniveau')).toHaveTextContent('Geverifieerd'));
    expect(screen.queryByTestId('identificatie-melding')).toBeNull();
  });

  it('says why verification is not possible any more after too many wrong answers', async () => {
    renderWithProviders(<KlantbeeldPanel contactId="c-1" from={{ phone: '0612345678' }} />, {
      routes: {
        'GET /api/contacts/c-1/klantbeeld': {
          status: 200,
          body: klantbeeld({
            ...herkend(0),
            verificatie: {
              mogelijk: false,
              reden: 'Er zijn te veel onjuiste antwoorden gegeven. Verifiëren kan bij dit contact niet meer.',
              pogingenOver: 0,
            },
          }),
        },
      },
    });
    expect(await screen.findByTestId('verificatie-reden')).toHaveTextContent('te veel onjuiste antwoorden');
    expect(screen.queryByRole('button', { name: 'Verifiëren' })).toBeNull();
  });
});
