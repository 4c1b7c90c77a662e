import {
  CLIENT_EVENTS,
  ERROR_CODES,
  FATAL_CONNECT_ERRORS,
  OFFLINE_ERRORS,
  RESUME_GONE_ERRORS,
  SERVER_EVENTS,
  type ChatAvailability,
  type ChatLeaveMessagePayload,
  type ChatLeftMessage,
  type ChatResumed,
  type ChatStarted,
  type ChatStartPayload,
} from './protocol';
import type { ResumeStore, StoredMessage } from './resume-store';
import { TEXTS, refusalText } from './texts';
import type { ChatTransport } from './transport';
import { callbackWindow, checkMessage, isEmail, isPhone, type FieldError } from './validation';

/**
 * The resident's flow:
 *   start ─▶ starting ─▶ chat ─▶ ended ─▶ (new chat) start
 *     └──────(unavailable)──▶ offline ─▶ offline-sent
 *   resuming (page reload with a stored token) ─▶ chat | ended | start
 */
export type Phase = 'start' | 'starting' | 'resuming' | 'chat' | 'ended' | 'offline' | 'offline-sent';

export interface ChatMessage extends StoredMessage {
  id: number;
  status: 'sending' | 'sent' | 'failed';
  error?: string;
}

export interface ChatState {
  phase: Phase;
  connection: 'idle' | 'online' | 'lost';
  conversationId: string | null;
  queue: { position: number; expectedWaitSeconds: number | null } | null;
  agentName: string | null;
  agentTyping: boolean;
  messages: ChatMessage[];
  /** Informational line (queue, connection, conversation gone); shown in a status region. */
  notice: string | null;
  /** The last refusal or validation error; shown in an alert region, `field` gets aria-invalid. */
  error: FieldError | null;
  busy: boolean;
  endedBy: 'agent' | 'resident' | 'system' | null;
  ratingSent: boolean;
  transcriptSentTo: string | null;
  /** Why chat is not possible now, with the opening hours (offline phase). */
  unavailable: { reason: 'gesloten' | 'geen-medewerkers' | null; openingHours: string | null } | null;
  offlineKind: 'message' | 'callback' | null;
  /** Name and e-mail typed in the start form, to prefill the offline and transcript forms. */
  contactDraft: { name: string; email: string };
}

export interface StartForm {
  name?: string;
  email?: string;
  subject?: string;
}

export interface LeaveMessageForm {
  name?: string;
  email?: string;
  text: string;
  callback: boolean;
  phone?: string;
  date?: string;
  from?: string;
  to?: string;
}

export interface ChatSessionOptions {
  transport: ChatTransport;
  store: ResumeStore;
  /** The queue of this website (`data-queue`), sent with `chat:start`. */
  queue?: string;
  pageUrl?: string;
  now?: () => Date;
  /** Resident typing: re-announce at most this often, stop after this much silence. */
  typingIntervalMs?: number;
  typingIdleMs?: number;
  /** Hide the agent's typing indicator when no update arrives (a lost "stopped typing"). */
  agentTypingTimeoutMs?: number;
}

type Listener = (state: ChatState) => void;

const INITIAL: ChatState = {
  phase: 'start',
  connection: 'idle',
  conversationId: null,
  queue: null,
  agentName: null,
  agentTyping: false,
  messages: [],
  notice: null,
  error: null,
  busy: false,
  endedBy: null,
  ratingSent: false,
  transcriptSentTo: null,
  unavailable: null,
  offlineKind: null,
  contactDraft: { name: '', email: '' },
};

export class ChatSession {
  private state: ChatState = INITIAL;
  private readonly listeners = new Set<Listener>();
  private readonly transport: ChatTransport;
  private readonly store: ResumeStore;
  private readonly now: () => Date;
  private readonly queue: string | undefined;
  private readonly pageUrl: string | undefined;
  private readonly typingIntervalMs: number;
  private readonly typingIdleMs: number;
  private readonly agentTypingTimeoutMs: number;
  private resumeToken: string | null = null;
  /** A DigiD login the municipality's site passed on (`KccChat.setDigidToken`), sent with `chat:start`. */
  private digidToken: string | undefined;
  private nextId = 1;
  private typingSentAt: number | null = null;
  private typingStopTimer: ReturnType<typeof setTimeout> | null = null;
  private agentTypingTimer: ReturnType<typeof setTimeout> | null = null;
  private wired = false;

  constructor(options: ChatSessionOptions) {
    this.transport = options.transport;
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.queue = options.queue;
    this.pageUrl = options.pageUrl;
    this.typingIntervalMs = options.typingIntervalMs ?? 3000;
    this.typingIdleMs = options.typingIdleMs ?? 4000;
    this.agentTypingTimeoutMs = options.agentTypingTimeoutMs ?? 10_000;
  }

  getState(): ChatState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Continues a stored conversation (after a reload); otherwise stays on the start form without connecting. */
  init(): void {
    const stored = this.store.load();
    if (!stored) return;
    this.resumeToken = stored.resumeToken;
    this.update({
      phase: 'resuming',
      conversationId: stored.conversationId,
      agentName: stored.agentName ?? null,
      messages: stored.messages.map((m) => this.toChatMessage(m)),
      notice: TEXTS.resuming,
    });
    this.ensureConnected();
  }

  /**
   * Asks whether chat is possible now (when the panel opens on the start form), so a resident outside opening
   * hours sees "Laat een bericht achter" straight away instead of after filling in the start form.
   */
  async checkAvailability(): Promise<void> {
    if (this.state.phase !== 'start' || this.state.busy) return;
    this.update({ busy: true });
    this.ensureConnected();
    const ack = await this.transport.request<ChatAvailability>(CLIENT_EVENTS.availability, {});
    if (this.state.phase !== 'start') return;
    // Do not hold a connection (a per-address limit applies) while the resident reads or types.
    this.transport.disconnect();
    if (ack.ok && ack.data?.available === false) this.goOffline(ack.data);
    else if (!ack.ok && FATAL_CONNECT_ERRORS.includes(ack.error)) {
      this.update({ busy: false, error: { message: refusalText(ack.error) } });
    } else this.update({ busy: false });
  }

  /** The resident logged in with DigiD on the website (or logged out: `undefined`). */
  setDigidToken(token: string | undefined): void {
    this.digidToken = token;
  }

  async start(form: StartForm): Promise<void> {
    if (this.state.phase !== 'start') return;
    const name = clean(form.name);
    const email = clean(form.email);
    const subject = clean(form.subject);
    if (email && !isEmail(email)) return this.fail({ field: 'email', message: TEXTS.invalidEmail });
    const payload: ChatStartPayload = {};
    if (name) payload.name = name;
    if (email) payload.email = email;
    if (subject) payload.subject = subject;
    if (this.pageUrl && /^https?:/.test(this.pageUrl)) payload.pageUrl = this.pageUrl;
    if (this.queue) payload.queue = this.queue;
    if (this.digidToken) payload.digidToken = this.digidToken;

    this.update({
      phase: 'starting',
      busy: true,
      error: null,
      notice: TEXTS.starting,
      contactDraft: { name: name ?? '', email: email ?? '' },
    });
    this.ensureConnected();
    const ack = await this.transport.request<ChatStarted>(CLIENT_EVENTS.start, payload);
    if (ack.ok && typeof ack.data?.resumeToken === 'string' && typeof ack.data.conversationId === 'string') {
      this.resumeToken = ack.data.resumeToken;
      this.update({
        phase: 'chat',
        busy: false,
        conversationId: ack.data.conversationId,
        notice: TEXTS.waitingNoPosition,
        messages: [],
        queue: null,
        agentName: null,
      });
      this.persist();
    } else if (!ack.ok && OFFLINE_ERRORS.includes(ack.error)) {
      const availability = await this.transport.request<ChatAvailability>(CLIENT_EVENTS.availability, {});
      this.transport.disconnect();
      this.goOffline(availability.ok ? (availability.data ?? null) : null);
    } else {
      this.transport.disconnect();
      // An expired or invalid login: forget it, so starting again works without DigiD.
      if (!ack.ok && ack.error === ERROR_CODES.digidInvalid) this.digidToken = undefined;
      this.update({
        phase: 'start',
        busy: false,
        notice: null,
        error: ack.ok
          ? { message: refusalText(ERROR_CODES.internal) }
          : { field: issueField(ack.issues), message: refusalText(ack.error, ack.issues) },
      });
    }
  }

  async send(rawText: string): Promise<boolean> {
    if (this.state.phase !== 'chat') return false;
    const text = rawText.trim();
    const invalid = checkMessage(text);
    if (invalid) {
      this.fail(invalid);
      return false;
    }
    this.stopTyping();
    const message = this.toChatMessage({ from: 'inwoner', text, at: this.now().toISOString() }, 'sending');
    this.update({ messages: [...this.state.messages, message], error: null });
    await this.deliver(message);
    return true;
  }

  /** Sends a failed message again. */
  async retry(id: number): Promise<void> {
    const message = this.state.messages.find((m) => m.id === id && m.status === 'failed');
    if (!message || this.state.phase !== 'chat') return;
    this.patchMessage(id, { status: 'sending', error: undefined });
    await this.deliver(message);
  }

  /** Call on every change of the composer: announces typing, throttled, and stops after a silence. */
  composerChanged(text: string): void {
    if (this.state.phase !== 'chat') return;
    if (text.trim().length === 0) {
      this.stopTyping();
      return;
    }
    const nowMs = this.now().getTime();
    if (this.typingSentAt === null || nowMs - this.typingSentAt >= this.typingIntervalMs) {
      this.typingSentAt = nowMs;
      this.transport.notify(CLIENT_EVENTS.typing, { typing: true });
    }
    if (this.typingStopTimer) clearTimeout(this.typingStopTimer);
    this.typingStopTimer = setTimeout(() => this.stopTyping(), this.typingIdleMs);
  }

  async end(): Promise<void> {
    if (this.state.phase !== 'chat' || this.state.busy) return;
    this.stopTyping();
    this.update({ busy: true, error: null });
    const ack = await this.transport.request(CLIENT_EVENTS.end, {});
    // A conversation the server no longer knows or already ended is over as far as the resident is concerned.
    if (ack.ok || RESUME_GONE_ERRORS.includes(ack.error)) this.finish('resident');
    else this.update({ busy: false, error: { message: refusalText(ack.error, ack.issues) } });
  }

  async rate(score: number): Promise<void> {
    if (this.state.phase !== 'ended' || this.state.ratingSent || this.state.busy) return;
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      return this.fail({ field: 'score', message: TEXTS.ratingRequired });
    }
    this.update({ busy: true, error: null });
    const ack = await this.transport.request(CLIENT_EVENTS.rating, { score });
    if (ack.ok) this.update({ busy: false, ratingSent: true });
    else this.update({ busy: false, error: { field: 'score', message: refusalText(ack.error, ack.issues) } });
  }

  /** Asks for the transcript; the server sends it only to the e-mail address given at the start, once. */
  async requestTranscript(): Promise<void> {
    const email = this.state.contactDraft.email;
    if (this.state.phase !== 'ended' || this.state.busy || !email) return;
    this.update({ busy: true, error: null });
    const ack = await this.transport.request(CLIENT_EVENTS.transcript, {});
    if (ack.ok || ack.error === ERROR_CODES.alreadySent)
      this.update({ busy: false, transcriptSentTo: email });
    else this.update({ busy: false, error: { message: refusalText(ack.error, ack.issues) } });
  }

  /** Shows the "Laat een bericht achter" form (also reachable from the start form). */
  leaveMessageInstead(): void {
    if (this.state.phase === 'start') this.goOffline(null);
  }

  async leaveMessage(form: LeaveMessageForm): Promise<void> {
    if (this.state.phase !== 'offline' || this.state.busy) return;
    const name = clean(form.name);
    const email = clean(form.email);
    const phone = clean(form.phone);
    const text = (form.text ?? '').trim();
    if (email && !isEmail(email)) return this.fail({ field: 'email', message: TEXTS.invalidEmail });
    if (form.callback && !phone) return this.fail({ field: 'phone', message: TEXTS.phoneRequired });
    if (form.callback && phone && !isPhone(phone))
      return this.fail({ field: 'phone', message: TEXTS.invalidPhone });
    if (!email && !form.callback) return this.fail({ field: 'email', message: TEXTS.contactRequired });
    const invalidText = checkMessage(text);
    if (invalidText) return this.fail(invalidText);

    const payload: ChatLeaveMessagePayload = { text };
    if (name) payload.name = name;
    if (email) payload.email = email;
    if (form.callback && phone) {
      payload.terugbellen = { telefoonnummer: phone };
      if (form.date || form.from || form.to) {
        const result = callbackWindow(form.date ?? '', form.from ?? '', form.to ?? '', this.now());
        if ('error' in result) return this.fail(result.error);
        payload.terugbellen = { telefoonnummer: phone, ...result.window };
      }
    }
    this.update({ busy: true, error: null });
    this.ensureConnected();
    const ack = await this.transport.request<ChatLeftMessage>(CLIENT_EVENTS.leaveMessage, payload);
    this.transport.disconnect();
    if (ack.ok) {
      const kind =
        ack.data?.kind === 'terugbelverzoek' || (!ack.data && form.callback) ? 'callback' : 'message';
      this.update({ phase: 'offline-sent', busy: false, offlineKind: kind });
    } else {
      this.update({
        busy: false,
        error: { field: issueField(ack.issues), message: refusalText(ack.error, ack.issues) },
      });
    }
  }

  /** Back to the start form after an ended chat or from the offline form. */
  newChat(): void {
    if (this.state.phase !== 'ended' && this.state.phase !== 'offline-sent' && this.state.phase !== 'offline')
      return;
    this.store.clear();
    this.resumeToken = null;
    this.transport.disconnect();
    this.update({ ...INITIAL, contactDraft: this.state.contactDraft });
  }

  // ------------------------------------------------------------------ internals

  private ensureConnected(): void {
    this.wire();
    if (!this.transport.isConnected()) this.transport.connect();
  }

  private wire(): void {
    if (this.wired) return;
    this.wired = true;
    const t = this.transport;
    t.onConnect(() => {
      const reconnected = this.state.connection === 'lost';
      this.update({ connection: 'online', ...(reconnected ? { notice: TEXTS.reconnected } : {}) });
      if (this.resumeToken && (this.state.phase === 'chat' || this.state.phase === 'resuming'))
        void this.resume();
    });
    t.onDisconnect(() => {
      if (this.state.phase === 'chat' || this.state.phase === 'resuming') {
        this.update({ connection: 'lost', agentTyping: false, notice: TEXTS.disconnected });
      } else {
        this.update({ connection: 'idle' });
      }
    });
    t.onConnectError((error) => {
      if (FATAL_CONNECT_ERRORS.includes(error.message)) {
        // socket.io does not retry these; a stored conversation cannot continue on this page.
        if (this.state.phase === 'resuming') {
          this.store.clear();
          this.resumeToken = null;
          this.update({ ...INITIAL, error: { message: refusalText(error.message) } });
        } else {
          this.update({ error: { message: refusalText(error.message) } });
        }
      } else if (this.state.phase === 'chat' || this.state.phase === 'resuming') {
        this.update({ connection: 'lost', notice: TEXTS.disconnected });
      }
    });
    t.on(SERVER_EVENTS.message, (payload) => this.onAgentMessage(payload));
    t.on(SERVER_EVENTS.queue, (payload) => this.onQueue(payload));
    t.on(SERVER_EVENTS.accepted, (payload) => this.onAccepted(payload));
    t.on(SERVER_EVENTS.typing, (payload) => this.onAgentTyping(payload));
    t.on(SERVER_EVENTS.ended, (payload) => {
      if (this.state.phase !== 'chat' && this.state.phase !== 'resuming') return;
      const by = isRecord(payload) ? payload.by : undefined;
      this.finish(by === 'inwoner' ? 'resident' : by === 'systeem' ? 'system' : 'agent');
    });
  }

  private async resume(): Promise<void> {
    const token = this.resumeToken;
    if (!token) return;
    const ack = await this.transport.request<ChatResumed>(CLIENT_EVENTS.resume, { resumeToken: token });
    if (ack.ok) {
      const data: Partial<ChatResumed> = ack.data ?? {};
      // The server's history replaces what was sent; messages still in flight or refused stay below it.
      const unsent = this.state.messages.filter((m) => m.status !== 'sent');
      const messages = Array.isArray(data.messages)
        ? [...data.messages.filter(isHistoryLine).map((m) => this.toChatMessage(m)), ...unsent]
        : this.state.messages;
      const agentName = data.agentName ?? (data.status === 'verbonden' ? this.state.agentName : null);
      this.update({
        phase: 'chat',
        messages,
        agentName,
        conversationId: data.conversationId ?? this.state.conversationId,
        notice: agentName ? TEXTS.agentJoined(agentName) : TEXTS.waitingNoPosition,
      });
      this.persist();
      if (data.status === 'beeindigd') this.finish('agent');
      // Messages that failed while the connection was down are not resent silently: the resident chooses.
    } else if (RESUME_GONE_ERRORS.includes(ack.error)) {
      this.store.clear();
      this.resumeToken = null;
      this.transport.disconnect();
      this.update({ ...INITIAL, notice: TEXTS.conversationGone });
    } else {
      this.update({ error: { message: refusalText(ack.error, ack.issues) } });
    }
  }

  private async deliver(message: ChatMessage): Promise<void> {
    let ack = await this.transport.request(CLIENT_EVENTS.message, { text: message.text });
    // After a reconnect socket.io sends buffered messages before our resume, on a socket that has no conversation
    // yet: resume, then send once more.
    if (!ack.ok && ack.error === ERROR_CODES.noConversation && this.resumeToken) {
      await this.resume();
      if (this.state.phase === 'chat')
        ack = await this.transport.request(CLIENT_EVENTS.message, { text: message.text });
    }
    if (ack.ok) {
      this.patchMessage(message.id, { status: 'sent', error: undefined });
      this.persist();
    } else if (ack.error === ERROR_CODES.ended) {
      this.patchMessage(message.id, { status: 'failed', error: refusalText(ack.error) });
      this.finish('agent');
    } else {
      // Shown on the message itself (inside the live log), with a retry button.
      this.patchMessage(message.id, { status: 'failed', error: refusalText(ack.error, ack.issues) });
    }
  }

  private onAgentMessage(payload: unknown): void {
    if (!isRecord(payload) || typeof payload.text !== 'string' || typeof payload.at !== 'string') return;
    if (this.state.phase !== 'chat' && this.state.phase !== 'resuming') return;
    const name = typeof payload.name === 'string' && payload.name ? payload.name : TEXTS.agentFallbackName;
    const joined = this.state.agentName !== name;
    this.clearAgentTypingTimer();
    this.update({
      messages: [
        ...this.state.messages,
        this.toChatMessage({ from: 'medewerker', name, text: payload.text, at: payload.at }),
      ],
      agentName: name,
      agentTyping: false,
      queue: null,
      ...(joined ? { notice: TEXTS.agentJoined(name) } : {}),
    });
    this.persist();
  }

  private onAccepted(payload: unknown): void {
    if (!isRecord(payload) || typeof payload.name !== 'string' || this.state.phase !== 'chat') return;
    this.update({ agentName: payload.name, queue: null, notice: TEXTS.agentJoined(payload.name) });
    this.persist();
  }

  private onQueue(payload: unknown): void {
    if (!isRecord(payload) || this.state.phase !== 'chat' || this.state.agentName) return;
    const { position, expectedWaitSeconds } = payload;
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 1) return;
    const wait =
      typeof expectedWaitSeconds === 'number' && expectedWaitSeconds >= 0 ? expectedWaitSeconds : null;
    this.update({ queue: { position, expectedWaitSeconds: wait }, notice: null });
  }

  private onAgentTyping(payload: unknown): void {
    if (!isRecord(payload) || this.state.phase !== 'chat') return;
    const typing = payload.typing === true;
    this.clearAgentTypingTimer();
    if (typing)
      this.agentTypingTimer = setTimeout(
        () => this.update({ agentTyping: false }),
        this.agentTypingTimeoutMs,
      );
    this.update({ agentTyping: typing });
  }

  private goOffline(availability: ChatAvailability | null): void {
    this.update({
      phase: 'offline',
      busy: false,
      notice: null,
      error: null,
      offlineKind: null,
      unavailable: availability
        ? { reason: availability.reason ?? null, openingHours: availability.openingHours || null }
        : null,
    });
  }

  private finish(by: 'agent' | 'resident' | 'system'): void {
    this.stopTyping();
    this.clearAgentTypingTimer();
    this.update({
      phase: 'ended',
      busy: false,
      endedBy: by,
      agentTyping: false,
      queue: null,
      notice:
        by === 'agent' ? TEXTS.endedByAgent : by === 'resident' ? TEXTS.endedByYou : TEXTS.endedBySystem,
    });
    // The connection stays for rating and transcript, but a reload must not resume an ended chat.
    this.store.clear();
  }

  private stopTyping(): void {
    if (this.typingStopTimer) clearTimeout(this.typingStopTimer);
    this.typingStopTimer = null;
    if (this.typingSentAt !== null) {
      this.typingSentAt = null;
      this.transport.notify(CLIENT_EVENTS.typing, { typing: false });
    }
  }

  private clearAgentTypingTimer(): void {
    if (this.agentTypingTimer) clearTimeout(this.agentTypingTimer);
    this.agentTypingTimer = null;
  }

  private persist(): void {
    if (!this.resumeToken || !this.state.conversationId) return;
    this.store.save({
      conversationId: this.state.conversationId,
      resumeToken: this.resumeToken,
      ...(this.state.agentName ? { agentName: this.state.agentName } : {}),
      messages: this.state.messages
        .filter((m) => m.status === 'sent')
        .map(({ from, name, text, at }) => (name ? { from, name, text, at } : { from, text, at })),
    });
  }

  private toChatMessage(message: StoredMessage, status: ChatMessage['status'] = 'sent'): ChatMessage {
    return { ...message, id: this.nextId++, status };
  }

  private patchMessage(id: number, patch: Partial<ChatMessage>): void {
    this.update({ messages: this.state.messages.map((m) => (m.id === id ? { ...m, ...patch } : m)) });
  }

  private fail(error: FieldError): void {
    this.update({ error });
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isHistoryLine(value: unknown): value is StoredMessage {
  return (
    isRecord(value) &&
    typeof value.text === 'string' &&
    typeof value.at === 'string' &&
    (value.from === 'inwoner' || value.from === 'medewerker')
  );
}

/** The form control a server-side validation issue points at (first path segment, e.g. `email`). */
function issueField(issues: { path: (string | number)[] }[] | undefined): string | undefined {
  const first = issues?.[0]?.path[0];
  if (first === 'terugbellen') return 'phone';
  return typeof first === 'string' ? first : undefined;
}
