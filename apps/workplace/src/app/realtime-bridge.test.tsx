import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contact, klantbeeldUnknown, offerEvent } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

async function ready(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp(options);
  await waitFor(() => expect(rendered.container.querySelector('[data-app-state="ready"]')).not.toBeNull());
  return rendered;
}

afterEach(() => {
  delete window.kcc;
});

describe('realtime bridge', () => {
  it('refetches everything after a reconnect that lost the session', async () => {
    const { socket, api } = await ready();
    const before = api.requests.length;
    act(() => socket.serverDisconnect());
    expect(await screen.findByTestId('connection-lost')).toBeInTheDocument();
    await act(async () => socket.serverConnect(false));
    // The refetch starts within the reconnect's own act: the next test relies on that to see none happen.
    expect(api.requests.length).toBeGreaterThan(before);
    await waitFor(() => expect(api.requestsTo('GET', '/api/me/offers').length).toBeGreaterThan(1));
    for (const path of [
      '/api/me',
      '/api/me/contacts',
      '/api/internetaken?lijst=mijn',
      '/api/queues/waiting',
    ]) {
      expect(api.requests.slice(before).some((r) => r.path === path)).toBe(true);
    }
    expect(screen.queryByTestId('connection-lost')).toBeNull();
  });

  it('does not refetch after a recovered reconnect (no events were missed)', async () => {
    const { socket, api } = await ready();
    const before = api.requests.length;
    act(() => socket.serverDisconnect());
    await act(async () => socket.serverConnect(true));
    expect(api.requests.length).toBe(before);
  });

  it('notifies the desktop shell of offers and tells the tray my waiting count', async () => {
    const invoke = vi.fn().mockResolvedValue({ shown: true });
    window.kcc = { invoke, on: vi.fn(() => () => {}) } as unknown as NonNullable<typeof window.kcc>;
    const { socket } = await ready();
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('kcc:tray:set-waiting', { count: 2 }));
    act(() => socket.serverEmit('contact:offered', offerEvent()));
    expect(invoke).toHaveBeenCalledWith('kcc:notify:offer', {
      offerId: 'offer-1',
      title: 'Nieuw contact: Telefoon',
      body: 'Vraag over afvalpas · Jan Jansen',
    });
  });

  it('refetches the klantbeeld when a contact gets a partij, and interne taken on internetaken:changed', async () => {
    const { socket, api } = await ready({
      routes: {
        'GET /api/me/contacts': { status: 200, body: { items: [contact()] } },
        'GET /api/contacts/c-1/klantbeeld': {
          status: 200,
          body: klantbeeldUnknown(),
        },
      },
    });
    await waitFor(() => expect(api.requestsTo('GET', '/api/contacts/c-1/klantbeeld')).toHaveLength(1));
    act(() =>
      socket.serverEmit('contact:updated', {
        contact: contact({ partijUuid: '3f2b8c1e-6a4d-4e8b-9c2f-1a2b3c4d5e6f' }),
      }),
    );
    await waitFor(() => expect(api.requestsTo('GET', '/api/contacts/c-1/klantbeeld')).toHaveLength(2));

    act(() => socket.serverEmit('internetaken:changed'));
    await waitFor(() => expect(api.requestsTo('GET', '/api/internetaken?lijst=mijn')).toHaveLength(2));
  });

  it('stops listening when the session ends', async () => {
    const { socket, unmount } = await ready();
    expect(socket.listenerCount('contact:offered')).toBe(1);
    unmount();
    expect(socket.listenerCount('contact:offered')).toBe(0);
    expect(socket.disconnectCalls).toBe(1);
  });
});
