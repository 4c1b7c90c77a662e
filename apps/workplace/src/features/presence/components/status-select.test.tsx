import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { contact, me } from '../../../testing/fixtures';
import { renderApp } from '../../../testing/render-app';
import { presenceKeys } from '../api/presence-keys';

async function ready(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp(options);
  await waitFor(() => expect(rendered.container.querySelector('[data-app-state="ready"]')).not.toBeNull());
  return rendered;
}

const status = () => screen.getByRole('combobox', { name: 'Status' });

describe('status control', () => {
  it('offers Beschikbaar, Pauze and Offline and sends presence:set', async () => {
    const user = userEvent.setup();
    const { socket } = await ready();
    socket.respond('presence:set', (payload) => ({
      ok: true,
      data: { presence: (payload as { status: 'beschikbaar' }).status, since: new Date().toISOString() },
    }));
    expect(status()).toHaveValue('offline');
    expect(Array.from((status() as HTMLSelectElement).options).map((o) => o.text)).toEqual([
      'Beschikbaar',
      'Pauze',
      'Offline',
    ]);
    await user.selectOptions(status(), 'Beschikbaar');
    expect(socket.commandsOf('presence:set')).toEqual([{ status: 'beschikbaar' }]);
    await waitFor(() => expect(status()).toHaveValue('beschikbaar'));
  });

  it('keeps the acknowledged status when an older /api/me answer arrives after the ack', async () => {
    const user = userEvent.setup();
    const { socket, api, queryClient } = await ready();
    socket.respond('presence:set', () => ({
      ok: true,
      data: { presence: 'beschikbaar', since: new Date().toISOString() },
    }));
    // A refetch (as on the socket's first connect) that the server answered before the status changed.
    let answer: () => void = () => undefined;
    api.route(
      'GET /api/me',
      () => new Promise((resolve) => (answer = () => resolve({ status: 200, body: me('offline') }))),
    );
    void queryClient.invalidateQueries({ queryKey: presenceKeys.me() });
    await waitFor(() => expect(api.requestsTo('GET', '/api/me').length).toBeGreaterThan(1));
    await user.selectOptions(status(), 'Beschikbaar');
    await waitFor(() => expect(status()).toHaveValue('beschikbaar'));
    await act(async () => answer());
    await waitFor(() => expect(queryClient.getQueryState(presenceKeys.me())?.fetchStatus).toBe('idle'));
    expect(status()).toHaveValue('beschikbaar');
  });

  it('shows an error and keeps the old status when the server refuses', async () => {
    const user = userEvent.setup();
    const { socket } = await ready();
    socket.respond('presence:set', () => ({ ok: false, error: 'timeout' }));
    await user.selectOptions(status(), 'Pauze');
    expect(await screen.findByRole('alert')).toHaveTextContent('Status niet gewijzigd.');
    expect(status()).toHaveValue('offline');
  });

  it('shows Niet reagerend and Nawerk when the system sets them', async () => {
    const { socket } = await ready();
    act(() =>
      socket.serverEmit('presence:changed', { presence: 'niet-reagerend', since: new Date().toISOString() }),
    );
    await waitFor(() => expect(status()).toHaveDisplayValue('Niet reagerend'));
    act(() =>
      socket.serverEmit('presence:changed', {
        presence: 'nawerk',
        since: new Date().toISOString(),
        nawerkUntil: new Date(Date.now() + 30_000).toISOString(),
      }),
    );
    await waitFor(() => expect(status()).toHaveDisplayValue('Nawerk'));
    expect(screen.getByRole('option', { name: 'Nawerk' })).toBeDisabled();
  });

  it('shows live waiting counts from queue:waiting-changed', async () => {
    const { socket } = await ready();
    expect(screen.getByTestId('waiting-total')).toHaveTextContent('2 wachtend');
    act(() =>
      socket.serverEmit('queue:waiting-changed', {
        items: [{ queue: 'algemeen', name: 'Algemeen', waiting: 7, longestWaitSeconds: 90 }],
      }),
    );
    await waitFor(() => expect(screen.getByTestId('waiting-total')).toHaveTextContent('7 wachtend'));
  });
});

describe('nawerk', () => {
  it('counts down to nawerkUntil and Klaar makes the agent available', async () => {
    // Only the date is frozen (timers run as usual), so the countdown reads the same on a slow machine.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const user = userEvent.setup();
    const nawerkUntil = new Date(Date.now() + 45_000).toISOString();
    const { socket } = await ready({
      routes: {
        'GET /api/me': { status: 200, body: me('nawerk', nawerkUntil) },
        'GET /api/me/contacts': {
          status: 200,
          body: { items: [contact({ status: 'nawerk', registrations: 1 })] },
        },
        'GET /api/contacts/c-1/klantbeeld': { status: 404 },
      },
    });
    const panel = await screen.findByTestId('nawerk');
    expect(panel).toHaveTextContent('U bent weer beschikbaar over 0:45');
    expect(screen.queryByTestId('registration-form')).toBeNull();

    socket.respond('presence:set', () => ({
      ok: true,
      data: { presence: 'beschikbaar', since: new Date().toISOString() },
    }));
    await user.click(screen.getByRole('button', { name: 'Klaar' }));
    expect(socket.commandsOf('presence:set')).toEqual([{ status: 'beschikbaar' }]);
    act(() =>
      socket.serverEmit('contact:updated', { contact: contact({ status: 'closed', registrations: 1 }) }),
    );
    await waitFor(() => expect(screen.queryByTestId('active-contact')).toBeNull());
    expect(screen.queryByTestId('nawerk')).toBeNull();
  });
});
