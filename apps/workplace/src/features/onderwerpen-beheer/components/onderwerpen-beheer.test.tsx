import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Onderwerp } from '@kcc/contracts/onderwerpen';
import { renderWithProviders } from '../../../testing/render-app';
import { onderwerpen as fixture } from '../../../testing/fixtures';
import { OnderwerpenBeheer } from './onderwerpen-beheer';

describe('OnderwerpenBeheer', () => {
  it('adds, shows a duplicate name on the field, renames and switches an onderwerp off', async () => {
    const user = userEvent.setup();
    let items: Onderwerp[] = fixture.map((o) => ({ ...o }) as Onderwerp);
    const { api } = renderWithProviders(<OnderwerpenBeheer />, {
      routes: {
        'GET /api/onderwerpen?alle=true': () => ({ status: 200, body: { items } }),
        'POST /api/onderwerpen': (request) => {
          const { naam } = request.body as { naam: string };
          if (items.some((o) => o.naam.toLowerCase() === naam.toLowerCase()))
            return {
              status: 400,
              body: {
                title: 'Ongeldige invoer',
                status: 400,
                invalidParams: [
                  { name: 'naam', code: 'duplicate', reason: `Het onderwerp '${naam}' bestaat al.` },
                ],
              },
            };
          const created = {
            ...items[0]!,
            id: 'aaaaaaaa-8a44-4c0e-9a52-6f1d2e3c4b99',
            naam,
            bron: 'beheer' as const,
          };
          items = [...items, created];
          return { status: 201, body: created };
        },
        'PATCH /api/onderwerpen/0b1f5d36-8a44-4c0e-9a52-6f1d2e3c4b04': (request) => {
          const patch = request.body as { naam?: string; actief?: boolean };
          items = items.map((o) =>
            o.naam === 'Rijbewijs' || o.naam === 'Rijbewijs verlengen' ? { ...o, ...patch } : o,
          );
          return { status: 200, body: items.find((o) => o.id.endsWith('4b04')) };
        },
      },
    });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(5);

    await user.type(screen.getByRole('textbox', { name: /Nieuw onderwerp/ }), 'paspoort');
    await user.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(await screen.findByText("Het onderwerp 'paspoort' bestaat al.")).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Nieuw onderwerp/ })).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByRole('textbox', { name: /Nieuw onderwerp/ }));
    await user.type(screen.getByRole('textbox', { name: /Nieuw onderwerp/ }), 'Grofvuil');
    await user.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(await screen.findByText("Onderwerp 'Grofvuil' is toegevoegd.")).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(6));

    await user.click(screen.getByRole('button', { name: 'Rijbewijs hernoemen' }));
    const naam = screen.getByRole('textbox', { name: 'Nieuwe naam voor Rijbewijs' });
    expect(naam).toHaveFocus();
    await user.clear(naam);
    await user.type(naam, 'Rijbewijs verlengen{Enter}');
    expect(await screen.findByText("Onderwerp heet nu 'Rijbewijs verlengen'.")).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Rijbewijs verlengen uitzetten' }));
    expect(await screen.findByText("'Rijbewijs verlengen' is niet meer actief.")).toBeInTheDocument();
    expect(
      api.requestsTo('PATCH', '/api/onderwerpen/0b1f5d36-8a44-4c0e-9a52-6f1d2e3c4b04').map((r) => r.body),
    ).toEqual([{ naam: 'Rijbewijs verlengen' }, { actief: false }]);
    // Inactive ones are hidden until asked for.
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Rijbewijs verlengen' })).toBeNull());
    await user.click(screen.getByRole('checkbox', { name: 'Toon ook onderwerpen die niet actief zijn' }));
    expect(screen.getByRole('rowheader', { name: 'Rijbewijs verlengen' })).toBeInTheDocument();
  });
});
