import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render-app';
import { OntvangstbevestigingBeheer } from './ontvangstbevestiging-beheer';

const LIJST = {
  items: [
    {
      queueId: 'email',
      queueNaam: 'E-mail en formulieren',
      tekst: 'Beste {naam},\n\nWij hebben uw bericht ontvangen.',
      actief: true,
      standaard: true,
    },
  ],
  plaatshouders: ['naam', 'onderwerp', 'datum', 'werkdagen', 'kenmerk'],
};

describe('OntvangstbevestigingBeheer', () => {
  it('shows the text per queue and saves a change, or shows why the server refused it', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const { api } = renderWithProviders(<OntvangstbevestigingBeheer />, {
      routes: {
        'GET /api/beheer/ontvangstbevestigingen': { status: 200, body: LIJST },
        'PUT /api/beheer/ontvangstbevestigingen/email': () =>
          ++calls === 1
            ? {
                status: 400,
                body: {
                  title: 'Ongeldige invoer',
                  status: 400,
                  invalidParams: [
                    { name: 'body.tekst', code: 'unknown-placeholder', reason: 'Onbekend: {voornaam}.' },
                  ],
                },
              }
            : {
                status: 200,
                body: {
                  queueId: 'email',
                  tekst: 'Dank u wel.',
                  actief: false,
                  standaard: false,
                  bijgewerktDoor: 'bea',
                },
              },
      },
    });
    const form = await screen.findByRole('form', { name: 'Ontvangstbevestiging E-mail en formulieren' });
    expect(screen.getByText('{datum}')).toBeInTheDocument();
    const tekst = within(form).getByLabelText(/Tekst/);
    expect(tekst).toHaveValue('Beste {naam},\n\nWij hebben uw bericht ontvangen.');

    await user.clear(tekst);
    await user.type(tekst, 'Dank u wel, {{voornaam}.');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await within(form).findByText('Onbekend: {voornaam}.')).toBeInTheDocument();
    expect(tekst).toHaveAttribute('aria-invalid', 'true');

    await user.clear(tekst);
    await user.type(tekst, 'Dank u wel.');
    await user.click(within(form).getByRole('checkbox', { name: 'Automatisch versturen' }));
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText(/is opgeslagen/)).toBeInTheDocument();
    expect(api.requestsTo('PUT', '/api/beheer/ontvangstbevestigingen/email')[1]?.body).toEqual({
      tekst: 'Dank u wel.',
      actief: false,
    });
  });
});
