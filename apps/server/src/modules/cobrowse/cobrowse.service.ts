import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import {
  COBROWSE_CODE_TTL_MS,
  COBROWSE_ERRORS,
  type CobrowseControl,
  type CobrowseEndReason,
  type CobrowseInvite,
  type CobrowseResidentState,
  type CobrowseSessionView,
  type CobrowseStatus,
  type CobrowseVia,
} from '@kcc/contracts/cobrowse';
import type { Ack } from '@kcc/contracts/realtime';
import type { CancelTimer, Clock } from '../../shared/clock';
import type { ContactRecord } from '../contacts/contacts.repository';

/** Where the service sends what it decided; the namespaces implement it with socket.io rooms only. */
export interface CobrowseRelay {
  toAgent(sessionId: string, view: CobrowseSessionView): void;
  toResident(sessionId: string, state: CobrowseResidentState): void;
  /** The invite for a chat goes to the resident's chat conversation (`/citizen`). */
  inviteChat(conversationId: string, invite: CobrowseInvite): void;
  /** The invite for a code goes to the socket that asked for the code. */
  inviteCode(codeRoom: string, invite: CobrowseInvite): void;
}

/** One finished session, for the verwerkingenlog (metadata only, never content). */
export interface CobrowseSessionRecord {
  sessionId: string;
  contactId: string;
  agentId: string;
  via: CobrowseVia;
  startedAt: number;
  endedAt: number;
  viewConsent: boolean;
  controlConsent: boolean;
  endedReason: CobrowseEndReason;
}

export interface CobrowseDeps {
  /** The server's clock: code expiry, the invite's and the resident's deadlines (timers that run the sweep). */
  clock: Clock;
  contact: (id: string) => ContactRecord | undefined;
  /** The open chat conversation of a contact (undefined when there is none or it ended). */
  openConversationOf: (contactId: string) => string | undefined;
  /** Whether the chat or call of this contact ended after `since` (ms). */
  channelEndedSince: (contactId: string, since: number) => boolean;
  agentName: (agentId: string) => string;
  onEnded: (record: CobrowseSessionRecord) => void;
  /** How long a resident may be away (a page load) before the session ends. */
  resumeGraceMs: number;
  /** An invite nobody answers ends after this long. */
  inviteTtlMs?: number;
}

interface Session {
  id: string;
  token: string;
  contactId: string;
  agentId: string;
  agentName: string;
  via: CobrowseVia;
  status: CobrowseStatus;
  control: CobrowseControl;
  createdAt: number;
  startedAt?: number;
  controlEverGranted: boolean;
  endedReason?: CobrowseEndReason;
  /** When the resident's socket went away (a page load, or the tab closed). */
  awaySince?: number;
  /** Deadlines on the clock (invite unanswered, resident away): each runs the sweep, cancelled at the end. */
  timers: CancelTimer[];
}

interface PendingCode {
  code: string;
  expiresAt: number;
  room: string;
}

const WRONG_CODES_PER_AGENT = 5;
const WRONG_CODES_ALL_AGENTS = 50;
const WRONG_CODE_WINDOW_MS = 10 * 60_000;
const DEFAULT_INVITE_TTL_MS = 5 * 60_000;
const EXPIRED_CODE_KEPT_MS = 60 * 60_000;

/** Statuses of a contact that goes on with someone else (a transfer, or back to the queue). */
const MOVED_ON = new Set(['transferred', 'queued', 'offered', 'assigned']);

const err = (error: string) => ({ ok: false as const, error });

/**
 * The co-browse sessions of this server process: who may look along with whom, consent, and the end of a
 * session. It never sees the page itself: the namespaces relay the stream only while `mayRelay` says so.
 */
export class CobrowseService {
  private readonly sessions = new Map<string, Session>();
  private readonly codes = new Map<string, PendingCode>();
  /** Times of wrong codes per agent and for all agents together (key `*`): guessing a code is rate-limited. */
  private readonly wrongCodes = new Map<string, number[]>();
  private relay: CobrowseRelay | undefined;

  constructor(private readonly deps: CobrowseDeps) {}

  bindRelay(relay: CobrowseRelay): void {
    this.relay = relay;
  }

  // ------------------------------------------------------------------ agent side

  /** "Meekijken" in a chat: invite the resident of the agent's chat. */
  requestFromChat(agentId: string, contactId: string): Ack<CobrowseSessionView> {
    const held = this.heldBy(agentId, contactId);
    if (!held.ok) return held;
    if (held.data.channel !== 'chat') return err(COBROWSE_ERRORS.notSupported);
    const conversationId = this.deps.openConversationOf(contactId);
    if (conversationId === undefined) return err(COBROWSE_ERRORS.notActive);
    const session = this.open(agentId, contactId, 'chat');
    this.relay?.inviteChat(conversationId, this.invite(session));
    return { ok: true, data: this.view(session) };
  }

  /** "Code invoeren": the code the resident read out binds their page to this contact. */
  redeemCode(agentId: string, contactId: string, code: string): Ack<CobrowseSessionView> {
    const held = this.heldBy(agentId, contactId);
    if (!held.ok) return held;
    const now = this.deps.clock.now();
    if (!this.wrongAllowed(agentId, now)) return err(COBROWSE_ERRORS.rateLimited);
    const pending = this.codes.get(code);
    if (!pending) {
      for (const key of [agentId, '*']) this.wrongCodes.set(key, [...this.recentWrong(key, now), now]);
      return err(COBROWSE_ERRORS.wrongCode);
    }
    this.codes.delete(code); // single use, also when it turns out to be expired
    if (pending.expiresAt <= now) return err(COBROWSE_ERRORS.expiredCode);
    const session = this.open(agentId, contactId, 'code');
    this.relay?.inviteCode(pending.room, this.invite(session));
    return { ok: true, data: this.view(session) };
  }

  /** The running session of a contact the agent holds (the pane after a reload), or null. */
  watch(agentId: string, contactId: string): Ack<CobrowseSessionView | null> {
    const held = this.heldBy(agentId, contactId);
    if (!held.ok) return held;
    const session = this.ofContact(contactId);
    return { ok: true, data: session && session.agentId === agentId ? this.view(session) : null };
  }

  requestControl(agentId: string, sessionId: string): Ack {
    const session = this.agentSession(agentId, sessionId);
    if (!session.ok) return session;
    const s = session.data;
    if (s.status !== 'active') return err(COBROWSE_ERRORS.notActive);
    if (s.control === 'none') {
      s.control = 'requested';
      this.publish(s);
    }
    return { ok: true };
  }

  /** Pointing needs the view consent; input needs the control consent too. */
  mayPoint(agentId: string, sessionId: string): boolean {
    const s = this.sessions.get(sessionId);
    return s !== undefined && s.agentId === agentId && s.status === 'active';
  }

  mayControl(agentId: string, sessionId: string): Ack {
    const session = this.agentSession(agentId, sessionId);
    if (!session.ok) return session;
    if (session.data.status !== 'active') return err(COBROWSE_ERRORS.notActive);
    if (session.data.control !== 'granted') return err(COBROWSE_ERRORS.controlNotAllowed);
    return { ok: true };
  }

  endByAgent(agentId: string, sessionId: string): Ack {
    const session = this.agentSession(agentId, sessionId);
    if (!session.ok) return session;
    this.end(session.data, 'agent');
    return { ok: true };
  }

  // ------------------------------------------------------------------ resident side

  /** "Hulp van een medewerker": a 6-digit code for the socket in `room`. Replaces that socket's earlier code. */
  issueCode(room: string): { code: string; expiresAt: number } {
    const now = this.deps.clock.now();
    for (const [code, p] of this.codes)
      if (p.room === room || p.expiresAt + EXPIRED_CODE_KEPT_MS <= now) this.codes.delete(code);
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (this.codes.has(code));
    const expiresAt = now + COBROWSE_CODE_TTL_MS;
    this.codes.set(code, { code, expiresAt, room });
    return { code, expiresAt };
  }

  forgetCodes(room: string): void {
    for (const [code, p] of this.codes) if (p.room === room) this.codes.delete(code);
  }

  /** The resident's widget joins (after an invite) or comes back (after a page load) with the session's token. */
  join(sessionId: string, token: string): Ack<CobrowseResidentState> {
    const s = this.sessions.get(sessionId);
    if (!s || !sameToken(s.token, token)) return err(COBROWSE_ERRORS.notFound);
    if (s.status === 'ended') return { ok: true, data: this.residentState(s) };
    if (s.status === 'paused') s.status = 'active';
    s.awaySince = undefined;
    this.publish(s);
    return { ok: true, data: this.residentState(s) };
  }

  consent(sessionId: string, allow: boolean): Ack {
    const s = this.sessions.get(sessionId);
    if (!s || s.status === 'ended') return err(COBROWSE_ERRORS.notActive);
    if (!allow) {
      this.end(s, s.status === 'invited' ? 'refused' : 'resident');
      return { ok: true };
    }
    if (s.status === 'invited') {
      s.status = 'active';
      s.startedAt = this.deps.clock.now();
      this.publish(s);
    }
    return { ok: true };
  }

  controlConsent(sessionId: string, allow: boolean): Ack {
    const s = this.sessions.get(sessionId);
    if (!s || s.status !== 'active') return err(COBROWSE_ERRORS.notActive);
    if (allow && s.control === 'none') return err(COBROWSE_ERRORS.controlNotAllowed); // nobody asked
    s.control = allow ? 'granted' : 'none';
    if (allow) s.controlEverGranted = true;
    this.publish(s);
    return { ok: true };
  }

  endByResident(sessionId: string): Ack {
    const s = this.sessions.get(sessionId);
    if (!s) return err(COBROWSE_ERRORS.notFound);
    this.end(s, 'resident');
    return { ok: true };
  }

  /** Stream from the resident may pass only with the view consent. */
  mayRelay(sessionId: string): boolean {
    return this.sessions.get(sessionId)?.status === 'active';
  }

  /** The resident's last socket of the session went away: wait `resumeGraceMs` for the next page. */
  residentAway(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (!s || s.status === 'ended') return;
    s.awaySince = this.deps.clock.now();
    s.timers.push(this.deps.clock.setTimer(this.deps.resumeGraceMs, () => this.sweep()));
    if (s.status === 'active') {
      s.status = 'paused';
      this.publish(s);
    }
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * A contact changed (routing): a session ends when its agent no longer holds the contact. A contact that goes on
   * elsewhere (another queue or colleague) was transferred; in nawerk or closed it ended.
   */
  contactChanged(contact: ContactRecord | { id: string; status: string; assignedAgentId?: string }): void {
    for (const s of this.sessions.values()) {
      if (s.contactId !== contact.id) continue;
      if (contact.status === 'assigned' && contact.assignedAgentId === s.agentId) continue;
      this.end(s, MOVED_ON.has(contact.status) ? 'transferred' : 'contact-ended');
    }
  }

  /** The contact's chat or call ended: its sessions end with it. */
  channelEnded(contactId: string): void {
    for (const s of [...this.sessions.values()]) if (s.contactId === contactId) this.end(s, 'contact-ended');
  }

  /** Ends what time or the contact ended: expired invites and codes, residents gone too long, ended chats/calls. */
  sweep(): void {
    const now = this.deps.clock.now();
    // An expired code is kept a while, so the agent hears "verlopen" rather than "onjuist".
    for (const [code, p] of this.codes)
      if (p.expiresAt + EXPIRED_CODE_KEPT_MS <= now) this.codes.delete(code);
    for (const s of [...this.sessions.values()]) {
      const contact = this.deps.contact(s.contactId);
      if (!contact) {
        this.end(s, 'contact-ended');
        continue;
      }
      this.contactChanged(contact);
      if (s.status === 'ended') continue;
      if (this.deps.channelEndedSince(s.contactId, s.createdAt)) this.end(s, 'contact-ended');
      else if (s.awaySince !== undefined && now - s.awaySince >= this.deps.resumeGraceMs)
        this.end(s, 'resident-left');
      else if (
        s.status === 'invited' &&
        now - s.createdAt >= (this.deps.inviteTtlMs ?? DEFAULT_INVITE_TTL_MS)
      )
        this.end(s, 'expired');
    }
    for (const key of [...this.wrongCodes.keys()]) {
      const recent = this.recentWrong(key, now);
      if (recent.length === 0) this.wrongCodes.delete(key);
      else this.wrongCodes.set(key, recent);
    }
  }

  endAll(): void {
    for (const s of [...this.sessions.values()]) this.end(s, 'agent');
  }

  get activeCount(): number {
    return this.sessions.size;
  }

  // ------------------------------------------------------------------ internals

  private heldBy(agentId: string, contactId: string): Ack<ContactRecord> {
    const contact = this.deps.contact(contactId);
    if (!contact) return err(COBROWSE_ERRORS.notFound);
    if (contact.assignedAgentId !== agentId || contact.status !== 'assigned')
      return err(COBROWSE_ERRORS.forbidden);
    return { ok: true, data: contact };
  }

  private agentSession(agentId: string, sessionId: string): Ack<Session> {
    const s = this.sessions.get(sessionId);
    if (!s || s.status === 'ended') return err(COBROWSE_ERRORS.notFound);
    if (s.agentId !== agentId) return err(COBROWSE_ERRORS.forbidden);
    return { ok: true, data: s };
  }

  private recentWrong(key: string, now: number): number[] {
    return (this.wrongCodes.get(key) ?? []).filter((t) => t > now - WRONG_CODE_WINDOW_MS);
  }

  private wrongAllowed(agentId: string, now: number): boolean {
    return (
      this.recentWrong(agentId, now).length < WRONG_CODES_PER_AGENT &&
      this.recentWrong('*', now).length < WRONG_CODES_ALL_AGENTS
    );
  }

  private ofContact(contactId: string): Session | undefined {
    for (const s of this.sessions.values()) if (s.contactId === contactId) return s;
    return undefined;
  }

  /** One session per contact: a new request replaces an earlier one. */
  private open(agentId: string, contactId: string, via: CobrowseVia): Session {
    const earlier = this.ofContact(contactId);
    if (earlier) this.end(earlier, 'agent');
    const session: Session = {
      id: randomUUID(),
      token: randomBytes(24).toString('base64url'),
      contactId,
      agentId,
      agentName: this.deps.agentName(agentId),
      via,
      status: 'invited',
      control: 'none',
      createdAt: this.deps.clock.now(),
      controlEverGranted: false,
      timers: [],
    };
    session.timers.push(
      this.deps.clock.setTimer(this.deps.inviteTtlMs ?? DEFAULT_INVITE_TTL_MS, () => this.sweep()),
    );
    this.sessions.set(session.id, session);
    return session;
  }

  private end(s: Session, reason: CobrowseEndReason): void {
    if (s.status === 'ended') return;
    const wasStarted = s.startedAt !== undefined;
    s.status = 'ended';
    s.control = 'none';
    s.endedReason = reason;
    for (const cancel of s.timers.splice(0)) cancel();
    this.sessions.delete(s.id);
    this.publish(s);
    this.deps.onEnded({
      sessionId: s.id,
      contactId: s.contactId,
      agentId: s.agentId,
      via: s.via,
      startedAt: s.startedAt ?? s.createdAt,
      endedAt: this.deps.clock.now(),
      viewConsent: wasStarted,
      controlConsent: s.controlEverGranted,
      endedReason: reason,
    });
  }

  private publish(s: Session): void {
    this.relay?.toAgent(s.id, this.view(s));
    this.relay?.toResident(s.id, this.residentState(s));
  }

  private invite(s: Session): CobrowseInvite {
    return { sessionId: s.id, token: s.token, agentName: s.agentName };
  }

  private view(s: Session): CobrowseSessionView {
    return {
      sessionId: s.id,
      contactId: s.contactId,
      via: s.via,
      status: s.status,
      control: s.control,
      ...(s.endedReason !== undefined ? { endedReason: s.endedReason } : {}),
    };
  }

  private residentState(s: Session): CobrowseResidentState {
    return {
      sessionId: s.id,
      agentName: s.agentName,
      status: s.status,
      control: s.control,
      ...(s.endedReason !== undefined ? { endedReason: s.endedReason } : {}),
    };
  }
}

function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
