import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatSession } from './chat-session';
import { CLIENT_EVENTS, SERVER_EVENTS } from './protocol';
import { createResumeStore, type ResumeStore } from './resume-store';
import { FakeTransport, flush, memoryStorage } from './testing/fake-transport';
import { TEXTS } from './texts';

const STARTED = { ok: true, data: { conversationId: 'conv-1', resumeToken: 'token-abcdefghij' } } as const;

function setup(options: { store?: ResumeStore; now?: () => Date } = {}) {
  const transport = new FakeTransport();
  const storage = memoryStorage();
  const store = options.store ?? createResumeStore(storage, 'kcc-chat:test');
  const session = new ChatSession({
    transport,
    store,
    queue: 'chat',
    pageUrl: 'https://www.voorbeeldstad.nl/afval',
    now: options.now ?? (() => new Date('2026-03-02T10:00:00Z')),
  });
  return { transport, store, storage, session };
}

async function startChat() {
  const ctx = setup();
  ctx.transport.reply(CLIENT_EVENTS.start, STARTED);
  await ctx.session.start({ name: 'Jan', email: 'jan@example.nl', subject: 'Afval' });
  return ctx;
}

describe('ChatSession: starting', () => {
  it('stays on the start form without connecting until the resident starts', () => {
    const { session, transport } = setup();
    session.init();
    expect(session.getState().phase).toBe('start');
    expect(transport.connects).toBe(0);
  });

  it('sends only the filled-in fields plus page and queue, then waits in the chat', async () => {
    const { session, transport, store } = setup();
    const settle = transport.deferReply(CLIENT_EVENTS.start);
    const pending = session.start({ name: '  Jan ', email: '', subject: 'Afval' });
    expect(session.getState().phase).toBe('starting');
    expect(transport.connects).toBe(1);
    settle(STARTED);
    await pending;
    expect(transport.sent(CLIENT_EVENTS.start)).toEqual([
      { name: 'Jan', subject: 'Afval', pageUrl: 'https://www.voorbeeldstad.nl/afval', queue: 'chat' },
    ]);
    const state = session.getState();
    expect(state.phase).toBe('chat');
    expect(state.conversationId).toBe('conv-1');
    expect(state.notice).toBe(TEXTS.waitingNoPosition);
    expect(store.load()).toEqual({ conversationId: 'conv-1', resumeToken: 'token-abcdefghij', messages: [] });
  });

  it('refuses a malformed e-mail address before sending anything', async () => {
    const { session, transport } = setup();
    await session.start({ email: 'jan@' });
    expect(session.getState().error).toEqual({ field: 'email', message: TEXTS.invalidEmail });
    expect(session.getState().phase).toBe('start');
    expect(transport.requests).toHaveLength(0);
  });

  it('goes to "Laat een bericht achter" with the opening hours when nobody is available', async () => {
    const { session, transport } = setup();
    transport
      .reply(CLIENT_EVENTS.start, { ok: false, error: 'unavailable' })
      .reply(CLIENT_EVENTS.availability, {
        ok: true,
        data: { available: false, open: false, reason: 'gesloten', openingHours: 'ma, di 08:30–17:00' },
      });
    await session.start({ name: 'Jan', email: 'jan@example.nl' });
    const state = session.getState();
    expect(state.phase).toBe('offline');
    expect(state.unavailable).toEqual({ reason: 'gesloten', openingHours: 'ma, di 08:30–17:00' });
    expect(state.contactDraft).toEqual({ name: 'Jan', email: 'jan@example.nl' });
    expect(transport.connected).toBe(false);
  });

  it('explains other refusals and returns to the start form', async () => {
    const { session, transport } = setup();
    transport.reply(CLIENT_EVENTS.start, {
      ok: false,
      error: 'invalid_payload',
      issues: [{ path: ['email'], message: 'Invalid email', code: 'invalid_format' }],
    });
    await session.start({ email: 'jan@example.nl' });
    expect(session.getState().phase).toBe('start');
    expect(session.getState().error).toEqual({ field: 'email', message: 'Controleer dit: e-mailadres.' });
  });

  it('starts with the DigiD token the site passed, and forgets it when the server refuses it', async () => {
    const { session, transport } = setup();
    session.setDigidToken('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiI5OTk5OTM2NTMifQ.c2ln');
    transport.reply(CLIENT_EVENTS.start, {
      ok: false,
      error: 'digid_invalid',
      issues: [{ path: ['digidToken'], message: 'verlopen', code: 'digid_invalid' }],
    });
    await session.start({ subject: 'Mijn zaak' });
    expect(transport.sent(CLIENT_EVENTS.start)[0]).toMatchObject({
      digidToken: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiI5OTk5OTM2NTMifQ.c2ln',
    });
    expect(session.getState().phase).toBe('start');
    expect(session.getState().error?.message).toContain('Uw DigiD-inlog is verlopen of niet geldig.');
    transport.reply(CLIENT_EVENTS.start, STARTED);
    await session.start({ subject: 'Mijn zaak' });
    expect(transport.sent(CLIENT_EVENTS.start)[1]).not.toHaveProperty('digidToken');
    expect(session.getState().phase).toBe('chat');
  });

  it('checks availability when asked and shows the offline form straight away', async () => {
    const { session, transport } = setup();
    transport.reply(CLIENT_EVENTS.availability, {
      ok: true,
      data: { available: false, open: true, reason: 'geen-medewerkers', openingHours: 'altijd' },
    });
    await session.checkAvailability();
    expect(session.getState().phase).toBe('offline');
    expect(transport.connected).toBe(false);
  });

  it('stays on the start form when chat is available', async () => {
    const { session, transport } = setup();
    transport.reply(CLIENT_EVENTS.availability, {
      ok: true,
      data: { available: true, open: true, openingHours: 'altijd' },
    });
    await session.checkAvailability();
    expect(session.getState().phase).toBe('start');
    expect(session.getState().busy).toBe(false);
  });
});

describe('ChatSession: chatting', () => {
  it('shows queue position and wait until a medewerker accepts', async () => {
    const { session, transport } = await startChat();
    transport.push(SERVER_EVENTS.queue, { position: 2, expectedWaitSeconds: 60 });
    expect(session.getState().queue).toEqual({ position: 2, expectedWaitSeconds: 60 });
    transport.push(SERVER_EVENTS.accepted, { name: 'Anna' });
    expect(session.getState().queue).toBeNull();
    expect(session.getState().agentName).toBe('Anna');
    expect(session.getState().notice).toBe(TEXTS.agentJoined('Anna'));
    // A late queue update after acceptance is ignored.
    transport.push(SERVER_EVENTS.queue, { position: 1, expectedWaitSeconds: 0 });
    expect(session.getState().queue).toBeNull();
  });

  it('ignores malformed server events', async () => {
    const { session, transport } = await startChat();
    transport.push(SERVER_EVENTS.queue, { position: 'twee' });
    transport.push(SERVER_EVENTS.queue, { position: 0, expectedWaitSeconds: 10 });
    transport.push(SERVER_EVENTS.message, { text: 42 });
    transport.push(SERVER_EVENTS.message, null);
    expect(session.getState().queue).toBeNull();
    expect(session.getState().messages).toEqual([]);
  });

  it('sends a message, marks it sent and stores it for a reload', async () => {
    const { session, transport, store } = await startChat();
    const settle = transport.deferReply(CLIENT_EVENTS.message);
    const pending = session.send('  Wanneer wordt het grofvuil opgehaald?  ');
    expect(session.getState().messages.map((m) => [m.from, m.status])).toEqual([['inwoner', 'sending']]);
    settle({ ok: true });
    await pending;
    expect(transport.sent(CLIENT_EVENTS.message)).toEqual([
      { text: 'Wanneer wordt het grofvuil opgehaald?' },
    ]);
    expect(session.getState().messages[0]?.status).toBe('sent');
    expect(store.load()?.messages).toEqual([
      { from: 'inwoner', text: 'Wanneer wordt het grofvuil opgehaald?', at: '2026-03-02T10:00:00.000Z' },
    ]);
  });

  it('receives the medewerker’s messages', async () => {
    const { session, transport, store } = await startChat();
    transport.push(SERVER_EVENTS.message, {
      from: 'medewerker',
      name: 'Anna',
      text: 'Goedemorgen!',
      at: '2026-03-02T10:01:00Z',
    });
    const [message] = session.getState().messages;
    expect(message).toMatchObject({ from: 'medewerker', name: 'Anna', text: 'Goedemorgen!', status: 'sent' });
    expect(session.getState().agentName).toBe('Anna');
    expect(store.load()?.agentName).toBe('Anna');
  });

  it('refuses empty and too long messages without sending', async () => {
    const { session, transport } = await startChat();
    expect(await session.send('   ')).toBe(false);
    expect(session.getState().error?.message).toBe(TEXTS.emptyMessage);
    expect(await session.send('x'.repeat(2001))).toBe(false);
    expect(session.getState().error?.message).toBe(TEXTS.tooLong);
    expect(transport.sent(CLIENT_EVENTS.message)).toHaveLength(0);
    expect(await session.send('x'.repeat(2000))).toBe(true);
  });

  it('shows a rate-limit refusal on the message and lets the resident retry', async () => {
    const { session, transport } = await startChat();
    transport.reply(CLIENT_EVENTS.message, { ok: false, error: 'rate_limited' });
    await session.send('Hallo?');
    const failed = session.getState().messages[0];
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/te veel berichten/);
    transport.reply(CLIENT_EVENTS.message, { ok: true });
    await session.retry(failed!.id);
    expect(session.getState().messages[0]?.status).toBe('sent');
    expect(transport.sent(CLIENT_EVENTS.message)).toEqual([{ text: 'Hallo?' }, { text: 'Hallo?' }]);
  });

  it('a message sent on a fresh socket before the resume is resumed and sent again', async () => {
    const { session, transport } = await startChat();
    let first = true;
    transport.reply(CLIENT_EVENTS.message, () => {
      if (!first) return { ok: true };
      first = false;
      return { ok: false, error: 'no_conversation' };
    });
    transport.reply(CLIENT_EVENTS.resume, {
      ok: true,
      data: { conversationId: 'conv-1', status: 'wachten', messages: [] },
    });
    await session.send('Hallo?');
    expect(transport.requests.map((r) => r.event)).toEqual([
      CLIENT_EVENTS.start,
      CLIENT_EVENTS.message,
      CLIENT_EVENTS.resume,
      CLIENT_EVENTS.message,
    ]);
    expect(session.getState().messages.map((m) => [m.text, m.status])).toEqual([['Hallo?', 'sent']]);
  });

  it('a message refused because the chat ended ends the chat', async () => {
    const { session, transport } = await startChat();
    transport.reply(CLIENT_EVENTS.message, { ok: false, error: 'ended' });
    await session.send('Nog een vraag');
    expect(session.getState().phase).toBe('ended');
  });
});

describe('ChatSession: typing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('announces typing at most every 3 s and stops after 4 s of silence', async () => {
    let now = new Date('2026-03-02T10:00:00Z').getTime();
    const transport = new FakeTransport().reply(CLIENT_EVENTS.start, STARTED);
    const session = new ChatSession({
      transport,
      store: createResumeStore(memoryStorage(), 'k'),
      now: () => new Date(now),
    });
    await session.start({});
    session.composerChanged('H');
    session.composerChanged('Ha');
    now += 1000;
    session.composerChanged('Hal');
    expect(transport.notified(CLIENT_EVENTS.typing)).toEqual([{ typing: true }]);
    now += 3000;
    session.composerChanged('Hallo');
    expect(transport.notified(CLIENT_EVENTS.typing)).toEqual([{ typing: true }, { typing: true }]);
    vi.advanceTimersByTime(4000);
    expect(transport.notified(CLIENT_EVENTS.typing)).toEqual([
      { typing: true },
      { typing: true },
      { typing: false },
    ]);
  });

  it('stops typing when the message is sent', async () => {
    const { session, transport } = await startChat();
    session.composerChanged('Hallo');
    await session.send('Hallo');
    expect(transport.notified(CLIENT_EVENTS.typing)).toEqual([{ typing: true }, { typing: false }]);
  });

  it('shows the medewerker typing and hides it after a message or a timeout', async () => {
    const { session, transport } = await startChat();
    transport.push(SERVER_EVENTS.typing, { typing: true });
    expect(session.getState().agentTyping).toBe(true);
    transport.push(SERVER_EVENTS.message, {
      from: 'medewerker',
      name: 'Anna',
      text: 'Een moment',
      at: '2026-03-02T10:01:00Z',
    });
    expect(session.getState().agentTyping).toBe(false);
    transport.push(SERVER_EVENTS.typing, { typing: true });
    vi.advanceTimersByTime(10_000);
    expect(session.getState().agentTyping).toBe(false);
  });
});

describe('ChatSession: ending, rating, transcript', () => {
  it('the resident ends the chat, rates it and asks for the transcript', async () => {
    const { session, transport, store } = await startChat();
    await session.end();
    expect(transport.sent(CLIENT_EVENTS.end)).toEqual([{}]);
    expect(session.getState()).toMatchObject({
      phase: 'ended',
      endedBy: 'resident',
      notice: TEXTS.endedByYou,
    });
    expect(store.load()).toBeNull();

    await session.rate(0);
    expect(session.getState().error).toEqual({ field: 'score', message: TEXTS.ratingRequired });
    await session.rate(4);
    expect(transport.sent(CLIENT_EVENTS.rating)).toEqual([{ score: 4 }]);
    expect(session.getState().ratingSent).toBe(true);
    await session.rate(5);
    expect(transport.sent(CLIENT_EVENTS.rating)).toHaveLength(1);

    transport.reply(CLIENT_EVENTS.transcript, { ok: true });
    await session.requestTranscript();
    // no address in the payload: the server sends only to the one given at the start
    expect(transport.sent(CLIENT_EVENTS.transcript)).toEqual([{}]);
    expect(session.getState().transcriptSentTo).toBe('jan@example.nl');
  });

  it('offers no transcript when the resident gave no e-mail address at the start', async () => {
    const { session, transport } = setup();
    transport.reply(CLIENT_EVENTS.start, STARTED);
    await session.start({ name: 'Jan', subject: 'Afval' });
    await session.end();
    await session.requestTranscript();
    expect(transport.sent(CLIENT_EVENTS.transcript)).toEqual([]);
    expect(session.getState().transcriptSentTo).toBeNull();
  });

  it('the medewerker ends the chat', async () => {
    const { session, transport } = await startChat();
    transport.push(SERVER_EVENTS.ended, { by: 'medewerker' });
    expect(session.getState()).toMatchObject({
      phase: 'ended',
      endedBy: 'agent',
      notice: TEXTS.endedByAgent,
    });
  });

  it('keeps chatting when ending fails for a passing reason', async () => {
    const { session, transport } = await startChat();
    transport.reply(CLIENT_EVENTS.end, { ok: false, error: 'timeout' });
    await session.end();
    expect(session.getState().phase).toBe('chat');
    expect(session.getState().error?.message).toMatch(/reageert niet/);
  });

  it('a new chat starts from a clean form and disconnects', async () => {
    const { session, transport } = await startChat();
    await session.end();
    session.newChat();
    expect(session.getState()).toMatchObject({
      phase: 'start',
      messages: [],
      conversationId: null,
      ratingSent: false,
    });
    expect(transport.connected).toBe(false);
  });
});

describe('ChatSession: resume after reload and reconnect', () => {
  it('resumes a stored conversation and takes the server’s history', async () => {
    const storage = memoryStorage();
    const store = createResumeStore(storage, 'kcc-chat:test');
    store.save({
      conversationId: 'conv-1',
      resumeToken: 'token-abcdefghij',
      messages: [{ from: 'inwoner', text: 'Hallo', at: '2026-03-02T10:00:00Z' }],
    });
    const { session, transport } = setup({ store });
    const settle = transport.deferReply(CLIENT_EVENTS.resume);
    session.init();
    expect(session.getState().phase).toBe('resuming');
    expect(session.getState().messages.map((m) => m.text)).toEqual(['Hallo']);
    expect(transport.sent(CLIENT_EVENTS.resume)).toEqual([{ resumeToken: 'token-abcdefghij' }]);
    settle({
      ok: true,
      data: {
        conversationId: 'conv-1',
        status: 'verbonden',
        agentName: 'Anna',
        messages: [
          { from: 'inwoner', text: 'Hallo', at: '2026-03-02T10:00:00Z' },
          { from: 'medewerker', name: 'Anna', text: 'Waarmee kan ik helpen?', at: '2026-03-02T10:00:30Z' },
        ],
      },
    });
    await flush();
    expect(session.getState().phase).toBe('chat');
    expect(session.getState().agentName).toBe('Anna');
    expect(session.getState().messages.map((m) => m.text)).toEqual(['Hallo', 'Waarmee kan ik helpen?']);
    expect(store.load()?.messages).toHaveLength(2);
  });

  it('starts over when the server no longer knows the conversation', async () => {
    const store = createResumeStore(memoryStorage(), 'k');
    store.save({ conversationId: 'c', resumeToken: 'token-abcdefghij', messages: [] });
    const { session, transport } = setup({ store });
    transport.reply(CLIENT_EVENTS.resume, { ok: false, error: 'not_found' });
    session.init();
    await flush();
    expect(session.getState()).toMatchObject({
      phase: 'start',
      notice: TEXTS.conversationGone,
      messages: [],
    });
    expect(store.load()).toBeNull();
  });

  it('a conversation that ended while the page reloaded shows as ended', async () => {
    const store = createResumeStore(memoryStorage(), 'k');
    store.save({ conversationId: 'c', resumeToken: 'token-abcdefghij', messages: [] });
    const { session, transport } = setup({ store });
    transport.reply(CLIENT_EVENTS.resume, {
      ok: true,
      data: { conversationId: 'c', status: 'beeindigd', messages: [] },
    });
    session.init();
    await flush();
    expect(session.getState().phase).toBe('ended');
  });

  it('resumes again after the connection drops and comes back', async () => {
    const { session, transport } = await startChat();
    transport.reply(CLIENT_EVENTS.resume, {
      ok: true,
      data: { conversationId: 'conv-1', status: 'wachten', messages: [] },
    });
    transport.drop();
    expect(session.getState()).toMatchObject({ connection: 'lost', notice: TEXTS.disconnected });
    transport.reconnect();
    await flush();
    expect(transport.sent(CLIENT_EVENTS.resume)).toEqual([{ resumeToken: 'token-abcdefghij' }]);
    expect(session.getState()).toMatchObject({ phase: 'chat', connection: 'online' });
  });

  it('explains an origin refusal and forgets a conversation it cannot continue', () => {
    const store = createResumeStore(memoryStorage(), 'k');
    store.save({ conversationId: 'c', resumeToken: 'token-abcdefghij', messages: [] });
    const { session, transport } = setup({ store });
    transport.connect = () => transport.refuseConnection('origin_not_allowed');
    session.init();
    expect(session.getState().phase).toBe('start');
    expect(session.getState().error?.message).toBe('De chat mag niet worden gebruikt op deze website.');
    expect(store.load()).toBeNull();
  });
});

describe('ChatSession: leave a message', () => {
  async function offline() {
    const ctx = setup({ now: () => new Date(2026, 2, 2, 18, 0) });
    ctx.transport.reply(CLIENT_EVENTS.availability, {
      ok: true,
      data: { available: false, open: false, reason: 'gesloten', openingHours: 'ma–vr 08:30–17:00' },
    });
    await ctx.session.checkAvailability();
    return ctx;
  }

  it('sends a message with an e-mail address', async () => {
    const { session, transport } = await offline();
    transport.reply(CLIENT_EVENTS.leaveMessage, { ok: true, data: { contactId: 'k1', kind: 'email' } });
    await session.leaveMessage({
      name: 'Jan',
      email: 'jan@example.nl',
      text: 'Mijn container is kapot.',
      callback: false,
    });
    expect(transport.sent(CLIENT_EVENTS.leaveMessage)).toEqual([
      { name: 'Jan', email: 'jan@example.nl', text: 'Mijn container is kapot.' },
    ]);
    expect(session.getState()).toMatchObject({ phase: 'offline-sent', offlineKind: 'message' });
  });

  it('asks for a callback with a time window', async () => {
    const { session, transport } = await offline();
    transport.reply(CLIENT_EVENTS.leaveMessage, {
      ok: true,
      data: { contactId: 'k2', kind: 'terugbelverzoek' },
    });
    await session.leaveMessage({
      text: 'Vraag over parkeervergunning',
      callback: true,
      phone: '06 12345678',
      date: '2026-03-03',
      from: '09:00',
      to: '11:00',
    });
    expect(transport.sent(CLIENT_EVENTS.leaveMessage)).toEqual([
      {
        text: 'Vraag over parkeervergunning',
        terugbellen: {
          telefoonnummer: '06 12345678',
          voorkeurVan: new Date(2026, 2, 3, 9, 0).toISOString(),
          voorkeurTot: new Date(2026, 2, 3, 11, 0).toISOString(),
        },
      },
    ]);
    expect(session.getState()).toMatchObject({ phase: 'offline-sent', offlineKind: 'callback' });
  });

  it.each([
    [{ text: 'x', callback: false }, 'email', TEXTS.contactRequired],
    [{ text: 'x', callback: true }, 'phone', TEXTS.phoneRequired],
    [{ text: 'x', callback: true, phone: '12' }, 'phone', TEXTS.invalidPhone],
    [{ text: 'x', email: 'jan@', callback: false }, 'email', TEXTS.invalidEmail],
    [{ text: '  ', email: 'jan@example.nl', callback: false }, 'text', TEXTS.emptyMessage],
    [
      { text: 'x', callback: true, phone: '0612345678', date: '2026-03-03', from: '11:00', to: '09:00' },
      'to',
      TEXTS.callbackWindowOrder,
    ],
    [
      { text: 'x', callback: true, phone: '0612345678', date: '2026-03-01', from: '09:00', to: '10:00' },
      'date',
      TEXTS.callbackWindowPast,
    ],
    [
      { text: 'x', callback: true, phone: '0612345678', date: '2026-03-03', from: '09:00' },
      'to',
      TEXTS.callbackWindowRequired,
    ],
  ])('refuses %j before sending', async (form, field, message) => {
    const { session, transport } = await offline();
    await session.leaveMessage(form);
    expect(session.getState().error).toEqual({ field, message });
    expect(transport.sent(CLIENT_EVENTS.leaveMessage)).toHaveLength(0);
  });

  it('shows a server refusal and stays on the form', async () => {
    const { session, transport } = await offline();
    transport.reply(CLIENT_EVENTS.leaveMessage, { ok: false, error: 'rate_limited' });
    await session.leaveMessage({ email: 'jan@example.nl', text: 'Hallo', callback: false });
    expect(session.getState().phase).toBe('offline');
    expect(session.getState().error?.message).toMatch(/te veel berichten/);
  });
});
