import { randomBytes, randomUUID } from 'node:crypto';
import {
  COBROWSE_ERRORS,
  type CobrowseEndReason,
  type CobrowseInvite,
  type CobrowseResidentState,
  type CobrowseSessionView,
  type CobrowseVia,
} from '@kcc/contracts/cobrowse';
import type { Ack } from '@kcc/contracts/realtime';
import type { CancelTimer, Clock } from '../../shared/clock';
import type { SharedState } from '../../cluster';
import type { ContactRecord } from '../contacts/contacts.repository';
import { CobrowseStore, type SessionState } from './cobrowse-store';

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
  /** Where sessions, codes and wrong-code counts live: this process, or Redis for every instance. */
  state: SharedState;
  contact: (id: string) => Promise<ContactRecord | undefined>;
  /** The open chat conversation of a contact (undefined when there is none or it ended). */
  openConversationOf: (contactId: string) => Promise<string | undefined>;
  /** Whether the chat or call of this contact ended after `since` (ms). */
  channelEndedSince: (contactId: string, since: number) => Promise<boolean>;
  agentName: (agentId: string) => string;
  onEnded: (record: CobrowseSessionRecord) => void;
  /** How long a resident may be away (a page load) before the session ends. */
  resumeGraceMs: number;
  /** An invite nobody answers ends after this long. */
  inviteTtlMs?: number;
}

const WRONG_CODES_PER_AGENT = 5;
const WRONG_CODES_ALL_AGENTS = 50;
const WRONG_CODE_WINDOW_MS = 10 * 60_000;
const DEFAULT_INVITE_TTL_MS = 5 * 60_000;

/** Statuses of a contact that goes on with someone else (a transfer, or back to the queue). */
const MOVED_ON = new Set(['transferred', 'queued', 'offered', 'assigned']);

const err = (error: string) => ({ ok: false as const, error });

/** What this instance does for a session: time its deadlines, and (on the agent's side) check its contact. */
interface Watch {
  checksContact: boolean;
  timers: CancelTimer[];
}

/**
 * Co-browse sessions: who may look along with whom, consent, and the end of a session. The state is shared by all
 * instances (`CobrowseStore`); each instance watches the sessions its sockets touch (docs/decisions.md, issue 12:
 * co-browse on several instances). It never sees the page itself: the namespaces relay the stream only while
 * `mayRelay` says so.
 */
export class CobrowseService {
  private readonly store: CobrowseStore;
  private readonly watched = new Map<string, Watch>();
  private relay: CobrowseRelay | undefined;
  private sweeping = false;

  constructor(private readonly deps: CobrowseDeps) {
    this.store = new CobrowseStore(deps.state);
  }

  bindRelay(relay: CobrowseRelay): void {
    this.relay = relay;
  }

  // ------------------------------------------------------------------ agent side

  /** "Meekijken" in a chat: invite the resident of the agent's chat. */
  async requestFromChat(agentId: string, contactId: string): Promise<Ack<CobrowseSessionView>> {
    const held = await this.heldBy(agentId, contactId);
    if (!held.ok) return held;
    if (held.data.channel !== 'chat') return err(COBROWSE_ERRORS.notSupported);
    const conversationId = await this.deps.openConversationOf(contactId);
    if (conversationId === undefined) return err(COBROWSE_ERRORS.notActive);
    const session = await this.open(agentId, contactId, 'chat');
    this.relay?.inviteChat(conversationId, this.invite(session));
    return { ok: true, data: this.view(session) };
  }

  /** "Code invoeren": the code the resident read out (on any instance) binds their page to this contact. */
  async redeemCode(agentId: string, contactId: string, code: string): Promise<Ack<CobrowseSessionView>> {
    const held = await this.heldBy(agentId, contactId);
    if (!held.ok) return held;
    const now = this.deps.clock.now();
    if (!(await this.wrongAllowed(agentId, now))) return err(COBROWSE_ERRORS.rateLimited);
    // Single use, also when it turns out to be expired.
    const pending = await this.store.takeCode(code);
    if (!pending) {
      await Promise.all(
        [agentId, '*'].map((who) => this.store.countWrongCode(who, now, WRONG_CODE_WINDOW_MS)),
      );
      return err(COBROWSE_ERRORS.wrongCode);
    }
    if (pending.expiresAt <= now) return err(COBROWSE_ERRORS.expiredCode);
    const session = await this.open(agentId, contactId, 'code');
    this.relay?.inviteCode(pending.room, this.invite(session));
    return { ok: true, data: this.view(session) };
  }

  /** The running session of a contact the agent holds (the pane after a reload, or on another instance), or null. */
  async watch(agentId: string, contactId: string): Promise<Ack<CobrowseSessionView | null>> {
    const held = await this.heldBy(agentId, contactId);
    if (!held.ok) return held;
    const session = await this.store.ofContact(contactId);
    if (!session || session.agentId !== agentId) return { ok: true, data: null };
    this.keepWatch(session.id, { checksContact: true });
    return { ok: true, data: this.view(session) };
  }

  async requestControl(agentId: string, sessionId: string): Promise<Ack> {
    const res = await this.store.transition(sessionId, (s) => {
      const denied = this.agentDenied(s, agentId);
      if (denied !== undefined) return denied;
      if (s!.status !== 'active') return COBROWSE_ERRORS.notActive;
      return s!.control === 'none' ? { ...s!, control: 'requested' } : s!;
    });
    if (!res.ok) return res;
    if (res.after !== res.before) this.publish(res.after);
    return { ok: true };
  }

  /** Pointing needs the view consent; input needs the control consent too. */
  async mayPoint(agentId: string, sessionId: string): Promise<boolean> {
    const s = await this.store.session(sessionId);
    return s !== undefined && s.agentId === agentId && s.status === 'active';
  }

  async mayControl(agentId: string, sessionId: string): Promise<Ack> {
    const s = await this.store.session(sessionId);
    const denied = this.agentDenied(s, agentId);
    if (denied !== undefined) return err(denied);
    if (s!.status !== 'active') return err(COBROWSE_ERRORS.notActive);
    if (s!.control !== 'granted') return err(COBROWSE_ERRORS.controlNotAllowed);
    return { ok: true };
  }

  async endByAgent(agentId: string, sessionId: string): Promise<Ack> {
    const denied = this.agentDenied(await this.store.session(sessionId), agentId);
    if (denied !== undefined) return err(denied);
    await this.end(sessionId, () => 'agent');
    return { ok: true };
  }

  // ------------------------------------------------------------------ resident side

  /** "Hulp van een medewerker": a 6-digit code for the socket in `room`. Replaces that socket's earlier code. */
  issueCode(room: string): Promise<{ code: string; expiresAt: number }> {
    return this.store.issueCode(room, this.deps.clock.now());
  }

  forgetCodes(room: string): Promise<void> {
    return this.store.forgetCodes(room);
  }

  /** The resident's widget joins (after an invite) or comes back (after a page load, on any instance) with the token. */
  async join(sessionId: string, token: string): Promise<Ack<CobrowseResidentState>> {
    const found = await this.store.session(sessionId);
    if (!found || !sameToken(found.token, token)) return err(COBROWSE_ERRORS.notFound);
    // Away too long while no instance's timer ended it (that instance stopped): it ends now.
    if (this.overdueAway(found)) {
      const ended = await this.end(sessionId, () => 'resident-left');
      if (ended) return { ok: true, data: this.residentState(ended) };
    }
    const res = await this.store.transition(sessionId, (s) => {
      if (!s) return COBROWSE_ERRORS.notFound;
      const { awaySince: _away, ...rest } = s;
      return { ...rest, status: s.status === 'paused' ? 'active' : s.status };
    });
    if (!res.ok) return res;
    this.keepWatch(sessionId, { checksContact: false });
    this.publish(res.after);
    return { ok: true, data: this.residentState(res.after) };
  }

  async consent(sessionId: string, allow: boolean): Promise<Ack> {
    if (!allow) {
      const ended = await this.end(sessionId, (s) => (s.status === 'invited' ? 'refused' : 'resident'));
      return ended ? { ok: true } : err(COBROWSE_ERRORS.notActive);
    }
    const res = await this.store.transition(sessionId, (s) => {
      if (!s) return COBROWSE_ERRORS.notActive;
      return s.status === 'invited' ? { ...s, status: 'active', startedAt: this.deps.clock.now() } : s;
    });
    if (!res.ok) return res;
    if (res.after !== res.before) this.publish(res.after);
    return { ok: true };
  }

  async controlConsent(sessionId: string, allow: boolean): Promise<Ack> {
    const res = await this.store.transition(sessionId, (s) => {
      if (!s || s.status !== 'active') return COBROWSE_ERRORS.notActive;
      if (allow && s.control === 'none') return COBROWSE_ERRORS.controlNotAllowed; // nobody asked
      return {
        ...s,
        control: allow ? 'granted' : 'none',
        controlEverGranted: s.controlEverGranted || allow,
      };
    });
    if (!res.ok) return res;
    this.publish(res.after);
    return { ok: true };
  }

  async endByResident(sessionId: string): Promise<Ack> {
    return (await this.end(sessionId, () => 'resident')) ? { ok: true } : err(COBROWSE_ERRORS.notFound);
  }

  /** Stream from the resident may pass only with the view consent. */
  async mayRelay(sessionId: string): Promise<boolean> {
    return (await this.store.session(sessionId))?.status === 'active';
  }

  /**
   * The resident's last socket of the session went away (on any instance): wait `resumeGraceMs` for the next page.
   * The time they left is stored, so the instance they come back to can enforce the grace too.
   */
  async residentAway(sessionId: string): Promise<void> {
    const res = await this.store.transition(sessionId, (s) => {
      if (!s) return COBROWSE_ERRORS.notFound;
      return { ...s, awaySince: this.deps.clock.now(), status: s.status === 'active' ? 'paused' : s.status };
    });
    if (!res.ok) return;
    this.keepWatch(sessionId, { checksContact: false }, this.deps.resumeGraceMs);
    if (res.after.status !== res.before.status) this.publish(res.after);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * A contact changed (routing, on whichever instance runs it): a session ends when its agent no longer holds the
   * contact. A contact that goes on elsewhere (another queue or colleague) was transferred; in nawerk or closed it
   * ended.
   */
  async contactChanged(
    contact: ContactRecord | { id: string; status: string; assignedAgentId?: string },
  ): Promise<void> {
    const s = await this.store.ofContact(contact.id);
    if (!s) return;
    if (contact.status === 'assigned' && contact.assignedAgentId === s.agentId) return;
    await this.end(s.id, () => (MOVED_ON.has(contact.status) ? 'transferred' : 'contact-ended'));
  }

  /** The contact's chat or call ended: its session ends with it. */
  async channelEnded(contactId: string): Promise<void> {
    const s = await this.store.ofContact(contactId);
    if (s) await this.end(s.id, () => 'contact-ended');
  }

  /**
   * The poll (every second) and the deadline timers: ends what time or the contact ended among the sessions this
   * instance watches — unanswered invites, residents away too long, and on the agent's side ended chats and calls.
   */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const id of [...this.watched.keys()]) await this.sweepOne(id);
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * This instance stops. In one process its sessions end with it; in a cluster they go on, and the instances that
   * the agent's pane and the resident's page reconnect to watch them.
   */
  async close(): Promise<void> {
    const ids = [...this.watched.keys()];
    for (const id of ids) this.unwatch(id);
    if (!this.store.shared) for (const id of ids) await this.end(id, () => 'agent');
  }

  // ------------------------------------------------------------------ internals

  private async sweepOne(id: string): Promise<void> {
    const s = await this.store.session(id);
    const watch = this.watched.get(id);
    if (!s || !watch) {
      this.unwatch(id);
      return;
    }
    const now = this.deps.clock.now();
    if (watch.checksContact) {
      const contact = await this.deps.contact(s.contactId);
      if (!contact) {
        await this.end(id, () => 'contact-ended');
        return;
      }
      if (contact.status !== 'assigned' || contact.assignedAgentId !== s.agentId) {
        await this.contactChanged(contact);
        return;
      }
      if (await this.deps.channelEndedSince(s.contactId, s.createdAt)) {
        await this.end(id, () => 'contact-ended');
        return;
      }
    }
    if (this.overdueAway(s)) await this.end(id, () => 'resident-left');
    else if (s.status === 'invited' && now - s.createdAt >= this.inviteTtlMs)
      await this.end(id, () => 'expired');
  }

  private get inviteTtlMs(): number {
    return this.deps.inviteTtlMs ?? DEFAULT_INVITE_TTL_MS;
  }

  private overdueAway(s: SessionState): boolean {
    return s.awaySince !== undefined && this.deps.clock.now() - s.awaySince >= this.deps.resumeGraceMs;
  }

  /** Watch a session here; with `timerMs`, also a deadline on the clock that runs its sweep. */
  private keepWatch(id: string, options: { checksContact: boolean }, timerMs?: number): void {
    const watch = this.watched.get(id) ?? { checksContact: false, timers: [] };
    watch.checksContact ||= options.checksContact;
    if (timerMs !== undefined)
      watch.timers.push(
        this.deps.clock.setTimer(timerMs, () => {
          // A failure here (Redis unreachable) is retried by the 1 s poll, which logs it.
          void this.sweepOne(id).catch(() => undefined);
        }),
      );
    this.watched.set(id, watch);
  }

  private unwatch(id: string): void {
    for (const cancel of this.watched.get(id)?.timers.splice(0) ?? []) cancel();
    this.watched.delete(id);
  }

  private async heldBy(agentId: string, contactId: string): Promise<Ack<ContactRecord>> {
    const contact = await this.deps.contact(contactId);
    if (!contact) return err(COBROWSE_ERRORS.notFound);
    if (contact.assignedAgentId !== agentId || contact.status !== 'assigned')
      return err(COBROWSE_ERRORS.forbidden);
    return { ok: true, data: contact };
  }

  private agentDenied(s: SessionState | undefined, agentId: string): string | undefined {
    if (!s) return COBROWSE_ERRORS.notFound;
    if (s.agentId !== agentId) return COBROWSE_ERRORS.forbidden;
    return undefined;
  }

  private async wrongAllowed(agentId: string, now: number): Promise<boolean> {
    const [own, all] = await Promise.all([
      this.store.wrongCodes(agentId, now, WRONG_CODE_WINDOW_MS),
      this.store.wrongCodes('*', now, WRONG_CODE_WINDOW_MS),
    ]);
    return own < WRONG_CODES_PER_AGENT && all < WRONG_CODES_ALL_AGENTS;
  }

  /** One session per contact: a new request replaces an earlier one. */
  private async open(agentId: string, contactId: string, via: CobrowseVia): Promise<SessionState> {
    const earlier = await this.store.ofContact(contactId);
    if (earlier) await this.end(earlier.id, () => 'agent');
    const session: SessionState = {
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
    };
    await this.store.create(session);
    this.keepWatch(session.id, { checksContact: true }, this.inviteTtlMs);
    return session;
  }

  /**
   * End a session: exactly one caller (on any instance) wins the transition to `ended`; it tells both sides and
   * writes the verwerkingenlog line. Returns the ended session, or undefined when it was already gone.
   */
  private async end(
    id: string,
    reason: (s: SessionState) => CobrowseEndReason,
  ): Promise<SessionState | undefined> {
    const res = await this.store.transition(id, (s) => {
      if (!s) return COBROWSE_ERRORS.notFound;
      return { ...s, status: 'ended', control: 'none', endedReason: reason(s) };
    });
    this.unwatch(id);
    if (!res.ok) return undefined;
    const s = res.after;
    await this.store.remove(id);
    this.publish(s);
    this.deps.onEnded({
      sessionId: s.id,
      contactId: s.contactId,
      agentId: s.agentId,
      via: s.via,
      startedAt: s.startedAt ?? s.createdAt,
      endedAt: this.deps.clock.now(),
      viewConsent: s.startedAt !== undefined,
      controlConsent: s.controlEverGranted,
      endedReason: s.endedReason!,
    });
    return s;
  }

  private publish(s: SessionState): void {
    this.relay?.toAgent(s.id, this.view(s));
    this.relay?.toResident(s.id, this.residentState(s));
  }

  private invite(s: SessionState): CobrowseInvite {
    return { sessionId: s.id, token: s.token, agentName: s.agentName };
  }

  private view(s: SessionState): CobrowseSessionView {
    return {
      sessionId: s.id,
      contactId: s.contactId,
      via: s.via,
      status: s.status,
      control: s.control,
      ...(s.endedReason !== undefined ? { endedReason: s.endedReason } : {}),
    };
  }

  private residentState(s: SessionState): CobrowseResidentState {
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
