import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render-app';
import { NawerkNotitieField } from './nawerk-notitie-field';

const PATH = '/api/contacts/c-1/nawerk-notitie';

describe('NawerkNotitieField', () => {
  it('loads the stored note, refuses a note over 2000 characters with a clear error, and saves with Ctrl+Enter', async () => {
    const user = userEvent.setup();
    const { api } = renderWithProviders(<NawerkNotitieField contactId="c-1" />, {
      routes: {
        [`GET ${PATH}`]: { status: 200, body: { tekst: '' } },
        [`PUT ${PATH}`]: (request) => ({
          status: 200,
          body: { tekst: (request.body as { tekst: string }).tekst, updatedAt: '2026-03-10T09:15:00.000Z' },
        }),
      },
    });
    const field = await screen.findByRole('textbox', { name: 'Aantekeningen bij dit contact' });
    await waitFor(() => expect(field).not.toHaveAttribute('readonly'));

    fireEvent.change(field, { target: { value: 'x'.repeat(2003) } });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Haal 3 tekens weg.'));
    expect(screen.getByRole('button', { name: 'Notitie opslaan' })).toBeDisabled();

    await user.clear(field);
    await user.type(field, 'Belt terug na de afspraak.');
    expect(screen.getByRole('status')).toHaveTextContent('Niet opgeslagen');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Opgeslagen om \d{2}:\d{2}$/));
    expect(api.requestsTo('PUT', PATH).map((r) => r.body)).toEqual([{ tekst: 'Belt terug na de afspraak.' }]);
  });
});
