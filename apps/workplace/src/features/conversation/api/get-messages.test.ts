import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { MessageView } from '@kcc/contracts/channels';
import { messageAdded, messagesQueryOptions, upsertMessage } from './get-messages';

const msg = (id: string, at: string, extra: Partial<MessageView> = {}): MessageView => ({
  id,
  direction: 'in',
  body: `bericht ${id}`,
  at,
  ...extra,
});

describe('upsertMessage', () => {
  it('replaces a message with the same id in place (e.g. delivery pending → sent)', () => {
    const list = [
      msg('a', '2026-03-01T10:00:00Z'),
      msg('b', '2026-03-01T10:01:00Z', { delivery: 'pending' }),
    ];
    const next = upsertMessage(list, msg('b', '2026-03-01T10:01:00Z', { delivery: 'sent' }));
    expect(next.map((m) => [m.id, m.delivery])).toEqual([
      ['a', undefined],
      ['b', 'sent'],
    ]);
  });

  it('inserts a new message in time order, keeping arrival order for equal times', () => {
    const list = [msg('a', '2026-03-01T10:00:00Z'), msg('c', '2026-03-01T10:02:00Z')];
    expect(upsertMessage(list, msg('b', '2026-03-01T10:01:00Z')).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(upsertMessage(list, msg('d', '2026-03-01T10:02:00Z')).map((m) => m.id)).toEqual(['a', 'c', 'd']);
  });

  it('keeps the newer delivery state when an older one arrives late (the POST answer after the push)', () => {
    const failed = msg('b', '2026-03-01T10:01:00Z', { delivery: 'failed', revision: 1 });
    const late = msg('b', '2026-03-01T10:01:00Z', { delivery: 'pending', revision: 0 });
    expect(upsertMessage([failed], late)[0]?.delivery).toBe('failed');
    const retried = msg('b', '2026-03-01T10:01:00Z', { delivery: 'pending', revision: 2 });
    expect(upsertMessage([failed], retried)[0]?.delivery).toBe('pending');
  });
});

describe('messageAdded', () => {
  it('does not create a transcript that was never loaded (it would hide the other messages)', () => {
    const queryClient = new QueryClient();
    messageAdded(queryClient, 'c-1', msg('a', '2026-03-01T10:00:00Z'));
    expect(queryClient.getQueryData(messagesQueryOptions('c-1').queryKey)).toBeUndefined();
    queryClient.setQueryData(messagesQueryOptions('c-1').queryKey, []);
    messageAdded(queryClient, 'c-1', msg('a', '2026-03-01T10:00:00Z'));
    messageAdded(queryClient, 'c-1', msg('a', '2026-03-01T10:00:00Z', { body: 'nieuw' }));
    expect(queryClient.getQueryData(messagesQueryOptions('c-1').queryKey)).toEqual([
      msg('a', '2026-03-01T10:00:00Z', { body: 'nieuw' }),
    ]);
  });

  it('reads a transcript again when a message arrives while it is still loading (the first read may predate it)', async () => {
    const queryClient = new QueryClient();
    const stored: MessageView[] = [];
    let releaseFirst: (() => void) | undefined;
    const fetchMock = vi.fn((_url: string) => {
      const body = JSON.stringify({ items: [...stored] });
      const response = new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
      return fetchMock.mock.calls.length === 1
        ? new Promise<Response>((resolve) => (releaseFirst = () => resolve(response)))
        : Promise.resolve(response);
    });
    vi.stubGlobal('fetch', fetchMock);
    const loading = queryClient.fetchQuery(messagesQueryOptions('c-9'));
    await vi.waitFor(() => expect(releaseFirst).toBeDefined());
    // The server stores the message after that read began, then pushes it.
    stored.push(msg('a', '2026-03-01T10:00:00Z'));
    messageAdded(queryClient, 'c-9', msg('a', '2026-03-01T10:00:00Z'));
    releaseFirst?.();
    expect(await loading).toEqual([msg('a', '2026-03-01T10:00:00Z')]);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    vi.unstubAllGlobals();
  });
});
