import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render-app';
import { QuickRepliesBeheer } from './quick-replies-beheer';

const welkom = {
  id: 'q1',
  code: 'welkom',
  title: 'Welkom',
  body: 'Goedendag!',
  updatedAt: '2026-03-02T09:00:00Z',
};

describe('QuickRepliesBeheer', () => {
  it('validates in Dutch, creates a reply and shows the server refusal of a duplicate code on the field', async () => {
    const user = userEvent.setup();
    let items = [welkom];
    const { api } = renderWithProviders(<QuickRepliesBeheer />, {
      routes: {
        'GET /api/quick-replies': () => ({ status: 200, body: { items } }),
        'POST /api/quick-replies': (request) => {
          const body = request.body as { code: string; title: string; body: string };
          if (items.some((i) => i.code === body.code))
            return {
              status: 400,
              body: {
                title: 'Ongeldige invoer',
                status: 400,
                invalidParams: [
                  {
                    name: 'code',
                    code: 'duplicate',
                    reason: `Er is al een snel antwoord met de code '${body.code}'.`,
                  },
                ],
              },
            };
          const created = { id: 'q2', ...body, updatedAt: '2026-03-02T10:00:00Z' };
          items = [...items, created];
          return { status: 201, body: created };
        },
      },
    });
    expect(await screen.findByText('/welkom')).toBeInTheDocument();
    const code = screen.getByRole('textbox', { name: 'Code' });
    await user.type(code, 'Met Spatie');
    await user.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(screen.getByText('Alleen kleine letters, cijfers en -, zonder spaties.')).toBeInTheDocument();
    expect(screen.getByText('Vul een titel in.')).toBeInTheDocument();
    expect(screen.getByText('Vul de tekst in.')).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/quick-replies')).toHaveLength(0);

    await user.clear(code);
    await user.type(code, 'welkom');
    await user.type(screen.getByRole('textbox', { name: 'Titel' }), 'Nog een welkom');
    await user.type(screen.getByRole('textbox', { name: 'Tekst' }), 'Hallo!');
    await user.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(await screen.findByText("Er is al een snel antwoord met de code 'welkom'.")).toBeInTheDocument();
    expect(code).toHaveAttribute('aria-invalid', 'true');

    await user.clear(code);
    await user.type(code, 'groet');
    await user.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(await screen.findByText('Snel antwoord /groet is opgeslagen.')).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/quick-replies')[1]?.body).toEqual({
      code: 'groet',
      title: 'Nog een welkom',
      body: 'Hallo!',
    });
    await waitFor(() => expect(screen.getAllByTestId('quick-reply-item')).toHaveLength(2));
    expect(code).toHaveValue('');
  });

  it('edits and deletes (after a confirmation click)', async () => {
    const user = userEvent.setup();
    let items = [welkom];
    const { api } = renderWithProviders(<QuickRepliesBeheer />, {
      routes: {
        'GET /api/quick-replies': () => ({ status: 200, body: { items } }),
        'PUT /api/quick-replies/q1': (request) => {
          items = [{ ...welkom, ...(request.body as object) }];
          return { status: 200, body: items[0] };
        },
        'DELETE /api/quick-replies/q1': () => {
          items = [];
          return { status: 204 };
        },
      },
    });
    const item = await screen.findByTestId('quick-reply-item');
    await user.click(within(item).getByRole('button', { name: 'Wijzigen: /welkom' }));
    expect(screen.getByRole('textbox', { name: 'Code' })).toHaveValue('welkom');
    const body = screen.getByRole('textbox', { name: 'Tekst' });
    await user.clear(body);
    await user.type(body, 'Goedemorgen!');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(api.requestsTo('PUT', '/api/quick-replies/q1')).toHaveLength(1));
    expect(await screen.findByText('Goedemorgen!')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Verwijderen: /welkom' }));
    expect(api.requestsTo('DELETE', '/api/quick-replies/q1')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Echt verwijderen: /welkom' }));
    expect(await screen.findByText('Snel antwoord /welkom is verwijderd.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Er zijn nog geen snelle antwoorden.')).toBeInTheDocument());
  });
});
