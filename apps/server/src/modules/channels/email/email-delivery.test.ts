import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessagesResponse, MessageView } from '@kcc/contracts/channels';
import { TestClock } from '../../../../test-support/test-clock';
import { bearer, type AgentClient } from '../../../../test-support/test-server';
import { startChannelKit, type ChannelKit } from '../../../../test-support/channel-test-kit';
import { classifyDeliveryFailure } from './delivery-failure';
import { MAX_ATTEMPTS, RETRY_BASE_MS } from './email-outbox';

/** A relay that answers every RCPT TO with this SMTP status (a real smtp-server, as a municipal MTA would). */
async function refusingRelay(
  status: number,
  text: string,
  port = 0,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(text), { responseCode: status }));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (yet). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('delivery state of outgoing e-mail', () => {
  let kit: ChannelKit | undefined;
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await kit?.stop();
    kit = undefined;
    for (const close of cleanup.splice(0)) await close();
  });

  /** An e-mail contact held by anna, and her reply to it. */
  async function replied(relay: string, clock?: TestClock) {
    kit = await startChannelKit({ KCC_SMTP_RELAY: relay }, clock ? { clock } : {});
    const { token, socket } = await kit.agent('anna');
    record(socket);
    const offered = kit.acceptNext(socket);
    await kit.sendMail({
      from: 'Jan Jansen <jan@example.nl>',
      to: 'kcc@gemeente.example',
      subject: 'Parkeervergunning',
      messageId: `<${randomUUID()}@example.nl>`,
      text: 'Hoe lang duurt een aanvraag?',
    });
    const contactId = (await offered).contact.id;
    const post = await fetch(`${kit.server.url}/api/contacts/${contactId}/messages`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Ongeveer twee weken.' }),
    });
    expect(post.status).toBe(201);
    const { message } = (await post.json()) as { message: MessageView };
    return { token, socket, contactId, message, server: kit.server };
  }

  /** Every `contact:message-added` push the agent got, from before the reply was posted (it may beat the answer). */
  const pushes = new WeakMap<AgentClient, MessageView[]>();
  const record = (socket: AgentClient) => {
    const seen: MessageView[] = [];
    pushes.set(socket, seen);
    socket.on(
      'contact:message-added' as never,
      ((e: { message: MessageView }) => seen.push(e.message)) as never,
    );
  };
  const update = (socket: AgentClient, id: string, match: (m: MessageView) => boolean) =>
    vi.waitFor(
      () => {
        const found = pushes.get(socket)?.find((m) => m.id === id && match(m));
        if (!found) throw new Error(`no matching push for message ${id}`);
        return found;
      },
      { timeout: 15_000, interval: 20 },
    );

  const register = (url: string, token: string, contactId: string, extra: object = {}) =>
    fetch(`${url}/api/contacts/${contactId}/registration`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ onderwerp: 'Parkeren', gespreksresultaat: 'zelfstandig_afgehandeld', ...extra }),
    });

  it('a relay that refuses the recipient makes the reply failed at once, with the reason, and closing asks first', async () => {
    const relay = await refusingRelay(550, '5.1.1 Mailbox unavailable');
    cleanup.push(relay.close);
    const { token, socket, contactId, message, server } = await replied(`127.0.0.1:${relay.port}`);
    expect(message.delivery).toBe('pending');
    const failed = await update(socket, message.id, (m) => m.delivery === 'failed');
    expect(failed.deliveryFailure).toMatchObject({ reason: 'recipient-refused', attempts: 1 });
    expect(failed.deliveryFailure?.detail).toContain('550 5.1.1 Mailbox unavailable');
    expect(failed.deliveryFailure?.nextAttemptAt).toBeUndefined();
    // Newer than what the POST answered, so the workplace keeps it whichever arrives first.
    expect(failed.revision).toBeGreaterThan(message.revision ?? 0);

    // The history read shows text and state.
    const list = (await (
      await fetch(`${server.url}/api/contacts/${contactId}/messages`, { headers: bearer(token) })
    ).json()) as MessagesResponse;
    expect(list.items.find((m) => m.id === message.id)).toMatchObject({
      body: 'Ongeveer twee weken.',
      delivery: 'failed',
      deliveryFailure: { reason: 'recipient-refused' },
    });

    // Closing as handled is refused until the medewerker chooses so; nothing was registered.
    const refused = await register(server.url, token, contactId);
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as { invalidParams: { code: string }[] };
    expect(problem.invalidParams[0]?.code).toBe('reply_not_sent');
    const status = () =>
      server.db.prepare('SELECT status, registrations FROM contacts WHERE id = ?').get(contactId) as {
        status: string;
        registrations: number;
      };
    expect(status()).toEqual({ status: 'assigned', registrations: 0 });
    // Registering one question without closing is fine.
    expect((await register(server.url, token, contactId, { afronden: false })).status).toBe(201);
    const chosen = await register(server.url, token, contactId, { afrondenOndanksNietVerstuurd: true });
    expect(chosen.status).toBe(201);
    expect(status()).toMatchObject({ registrations: 2 });
    expect(status().status).not.toBe('assigned');
  });

  it('retries an unreachable relay on the clock, gives up after the bounded attempts, and sends on "opnieuw proberen"', async () => {
    const clock = new TestClock({ frozenAt: Date.now() });
    const port = await closedPort();
    const { token, socket, contactId, message, server } = await replied(`127.0.0.1:${port}`, clock);

    let seen = await update(socket, message.id, (m) => m.deliveryFailure?.attempts === 1);
    expect(seen).toMatchObject({ delivery: 'pending', deliveryFailure: { reason: 'relay-unreachable' } });
    expect(Date.parse(seen.deliveryFailure?.nextAttemptAt ?? '')).toBe(clock.now() + RETRY_BASE_MS);
    // A reply waiting for a retry is not delivered: closing asks first.
    expect((await register(server.url, token, contactId)).status).toBe(409);

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await clock.whenPending(RETRY_BASE_MS * 2 ** (attempt - 2));
      const next = update(socket, message.id, (m) => m.deliveryFailure?.attempts === attempt);
      clock.advance(RETRY_BASE_MS * 2 ** (attempt - 2));
      seen = await next;
    }
    expect(seen).toMatchObject({
      delivery: 'failed',
      deliveryFailure: { reason: 'relay-unreachable', attempts: MAX_ATTEMPTS },
    });
    const row = server.db
      .prepare(
        'SELECT delivery_attempts AS attempts, next_attempt_at AS next FROM contact_messages WHERE id = ?',
      )
      .get(message.id);
    expect(row).toEqual({ attempts: MAX_ATTEMPTS, next: null });

    // The relay is back; the medewerker tries again.
    const working = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
    });
    await new Promise<void>((resolve) => working.listen(port, '127.0.0.1', () => resolve()));
    cleanup.push(() => new Promise((resolve) => working.close(() => resolve())));
    const sent = update(socket, message.id, (m) => m.delivery === 'sent');
    const retry = await fetch(`${server.url}/api/contacts/${contactId}/messages/${message.id}/retry`, {
      method: 'POST',
      headers: bearer(token),
    });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { message: MessageView }).message.delivery).toBe('pending');
    expect((await sent).deliveryFailure).toBeUndefined();
    // Sent now: a second retry is refused, and the contact closes without a question.
    const again = await fetch(`${server.url}/api/contacts/${contactId}/messages/${message.id}/retry`, {
      method: 'POST',
      headers: bearer(token),
    });
    expect(again.status).toBe(409);
    expect((await register(server.url, token, contactId)).status).toBe(201);
  });

  it('retries a relay that says "try again later" (4xx) and refuses retries by anyone but the holder', async () => {
    const clock = new TestClock({ frozenAt: Date.now() });
    const relay = await refusingRelay(451, '4.3.0 Try again later');
    cleanup.push(relay.close);
    const { socket, contactId, message, server } = await replied(`127.0.0.1:${relay.port}`, clock);
    const first = await update(socket, message.id, (m) => m.deliveryFailure?.attempts === 1);
    expect(first).toMatchObject({ delivery: 'pending', deliveryFailure: { reason: 'temporarily-refused' } });
    const bram = await server.login('bram');
    const foreign = await fetch(`${server.url}/api/contacts/${contactId}/messages/${message.id}/retry`, {
      method: 'POST',
      headers: bearer(bram),
    });
    expect(foreign.status).toBe(403);
  });
});

describe('classifyDeliveryFailure', () => {
  it('splits temporary from final by the SMTP status, and names the step that refused', () => {
    const smtp = (responseCode: number, command: string) => ({
      code: 'EENVELOPE',
      responseCode,
      command,
      response: `${responseCode} x`,
    });
    expect(classifyDeliveryFailure(smtp(550, 'RCPT TO'), true)).toMatchObject({
      reason: 'recipient-refused',
      transient: false,
    });
    expect(classifyDeliveryFailure(smtp(553, 'MAIL FROM'), true)).toMatchObject({
      reason: 'sender-refused',
      transient: false,
    });
    expect(classifyDeliveryFailure(smtp(554, 'DATA'), true)).toMatchObject({
      reason: 'message-refused',
      transient: false,
    });
    expect(classifyDeliveryFailure(smtp(421, 'RCPT TO'), true)).toMatchObject({
      reason: 'temporarily-refused',
      transient: true,
    });
    expect(
      classifyDeliveryFailure({ code: 'ETIMEDOUT', command: 'CONN', message: 'timeout' }, true),
    ).toMatchObject({
      reason: 'relay-unreachable',
      transient: true,
    });
    expect(classifyDeliveryFailure(new Error('x'), false)).toMatchObject({
      reason: 'no-relay',
      transient: false,
    });
    expect(classifyDeliveryFailure('odd', true)).toMatchObject({
      reason: 'unknown',
      transient: true,
      detail: 'odd',
    });
  });
});
