import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '@kcc/contracts/domain';
import { me } from '../testing/fixtures';
import { renderWithProviders } from '../testing/render-app';
import { KennisbankShell } from './kennisbank-shell';

const userWith = (roles: Role[]) => ({ id: 'u-x', name: 'Xander', roles });

function renderShell(roles: Role[]) {
  const base = me();
  return renderWithProviders(<KennisbankShell user={userWith(roles)} token="t-x" onLogout={() => {}} />, {
    routes: {
      'GET /api/me': {
        status: 200,
        body: { ...base, user: { ...base.user, name: 'Xander', roles }, queues: [] },
      },
      'GET /api/kennisbank/nieuws': { status: 200, body: { items: [], ongelezen: 0 } },
      'GET /api/kennisbank/articles': { status: 200, body: { total: 0, items: [] } },
      'GET /api/kanalenmatrix': { status: 200, body: { items: [] } },
      'GET /api/beheer/bewaartermijnen': {
        status: 200,
        body: {
          terms: { contacten: 'P1Y', transcripten: 'P1Y', bijlagen: 'P3M', verwerkingenlog: 'P2Y' },
          nextRunAt: '2026-12-08T02:00:00.000Z',
          lastRun: null,
          dryRun: { at: '2026-12-07T15:00:00.000Z', dryRun: true, kinds: [] },
        },
      },
      'GET /api/beheer/koppelingen': {
        status: 200,
        body: {
          registers: [
            { register: 'klantinteracties', bron: 'embedded' },
            { register: 'brp', bron: 'embedded' },
            { register: 'kvk', bron: 'embedded' },
            { register: 'zaken', bron: 'embedded' },
          ],
        },
      },
    },
  });
}

describe('kennisbank shell: the Koppelingen tab', () => {
  it('a beheerder opens Koppelingen from the navigation', async () => {
    const user = userEvent.setup();
    const { api } = renderShell(['beheerder']);
    const nav = await screen.findByRole('navigation', { name: 'Onderdelen' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      'Kennisbank beheren',
      'Rapportages',
      'Snelle antwoorden',
      'Onderwerpen',
      'Ontvangstbevestiging',
      'Koppelingen',
      'Bewaartermijnen',
    ]);
    // Not loaded before the beheerder asks for it.
    expect(api.requestsTo('GET', '/api/beheer/koppelingen')).toHaveLength(0);

    const tab = within(nav).getByRole('button', { name: 'Koppelingen' });
    await user.click(tab);
    expect(tab).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('button', { name: 'Kennisbank beheren' })).not.toHaveAttribute(
      'aria-current',
    );
    expect(screen.getByRole('heading', { name: 'Koppelingen', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Registers' })).toBeInTheDocument();
    expect(screen.queryByTestId('kennisbank-beheer')).toBeNull();
    expect(api.requestsTo('GET', '/api/beheer/koppelingen')).toHaveLength(1);
  });

  it('a beheerder opens Bewaartermijnen and can run it', async () => {
    const user = userEvent.setup();
    const { api } = renderShell(['beheerder']);
    const nav = await screen.findByRole('navigation', { name: 'Onderdelen' });
    await user.click(within(nav).getByRole('button', { name: 'Bewaartermijnen' }));
    expect(screen.getByRole('heading', { name: 'Bewaartermijnen', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Nu opschonen' })).toBeInTheDocument();
    expect(api.requestsTo('GET', '/api/beheer/bewaartermijnen')).toHaveLength(1);
  });

  it('a redacteur has no Koppelingen tab', async () => {
    renderShell(['redacteur']);
    expect(await screen.findByRole('heading', { name: 'Beheer kennisbank', level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Koppelingen' })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Onderdelen' })).toBeNull();
  });
});
