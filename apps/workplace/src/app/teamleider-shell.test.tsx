import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../features/dashboard/testing/dashboard-fixtures';
import { FakeDashboardSocket } from '../features/dashboard/testing/fake-dashboard-socket';
import { renderWithProviders } from '../testing/render-app';
import TeamleiderShell from './teamleider-shell';
import { workplaceViewFor } from './workplace-view';

const tess = { id: 'user-tess', name: 'Tess Bakker', roles: ['teamleider' as const] };

describe('team-leader shell', () => {
  it('is what a teamleider gets (not the agent shell, which needs the /agent socket)', () => {
    expect(workplaceViewFor(['teamleider'])).toBe('teamleider');
    expect(workplaceViewFor(['medewerker', 'teamleider'])).toBe('agent');
    expect(workplaceViewFor(['beheerder'])).toBe('kennisbank');
  });

  it('opens the /dashboard socket with the session token, is ready once the snapshot is in, and switches to reports', async () => {
    const user = userEvent.setup();
    const socket = new FakeDashboardSocket();
    const opened: [string, string][] = [];
    const createDashboardSocket = (url: string, token: string) => {
      opened.push([url, token]);
      return socket;
    };
    const { container, createSocket } = renderWithProviders(
      <TeamleiderShell
        user={tess}
        token="tl-token"
        onLogout={() => {}}
        createSocket={createDashboardSocket}
      />,
      {
        routes: {
          'GET /api/dashboard/snapshot': { status: 200, body: snapshot() },
          'GET /api/kennisbank/nieuws': { status: 200, body: { items: [], ongelezen: 0 } },
        },
      },
    );
    expect(opened).toEqual([['http://kcc.test', 'tl-token']]);
    await screen.findByRole('region', { name: 'Algemeen' });
    expect(container.querySelector('[data-app-state="ready"]')).toBeNull();
    act(() => socket.serverConnect());
    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    expect(createSocket).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Rapportages' }));
    expect(screen.getByRole('button', { name: 'Rapportages' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { name: 'Rapportages' })).toBeInTheDocument();
    // The live socket stays open while the team leader reads reports.
    expect(socket.disconnectCalls).toBe(0);
  });
});
