import { randomInt } from 'node:crypto';
import {
  COBROWSE_CODE_TTL_MS,
  type CobrowseControl,
  type CobrowseEndReason,
  type CobrowseStatus,
  type CobrowseVia,
} from '@kcc/contracts/cobrowse';
import type { SharedState } from '../../cluster';

/** A session as every instance sees it (JSON in the shared state). */
export interface SessionState {
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
  /** When the resident's last socket went away (a page load, or the tab closed). */
  awaySince?: number;
}

export interface PendingCode {
  expiresAt: number;
  /** The socket.io room of the resident's socket that asked for it. */
  room: string;
}

/** Cleanup only: a session's real deadlines are on the clock; this removes what no instance ended (all died). */
const SESSION_KEPT_MS = 12 * 3600_000;
/** An expired code is kept a while, so the agent hears "verlopen" rather than "onjuist". */
const CODE_KEPT_MS = COBROWSE_CODE_TTL_MS + 60 * 60_000;
const MINUTE = 60_000;
/** Compare-and-set retries when other instances change the same session at the same moment. */
const MAX_ATTEMPTS = 20;

const sessionKey = (id: string) => `cobrowse:session:${id}`;
const contactKey = (contactId: string) => `cobrowse:contact:${contactId}`;
const codeKey = (code: string) => `cobrowse:code:${code}`;
const roomCodeKey = (room: string) => `cobrowse:code-of:${room}`;
const wrongKey = (who: string, minute: number) => `cobrowse:wrong:${who}:${minute}`;

export type Transition =
  { ok: true; before: SessionState; after: SessionState } | { ok: false; error: string };

/**
 * Co-browse state in the shared state (`cluster/`), so every instance sees the same sessions, codes and wrong-code
 * counts. Changes to a session are compare-and-set: of two instances changing it at once, one retries on the new
 * value, so a session ends exactly once.
 */
export class CobrowseStore {
  constructor(private readonly state: SharedState) {}

  get shared(): boolean {
    return this.state.shared;
  }

  async session(id: string): Promise<SessionState | undefined> {
    const raw = await this.state.get(sessionKey(id));
    const s = raw !== undefined ? (JSON.parse(raw) as SessionState) : undefined;
    return s && s.status !== 'ended' ? s : undefined;
  }

  /** The running session of a contact (one per contact). */
  async ofContact(contactId: string): Promise<SessionState | undefined> {
    const id = await this.state.get(contactKey(contactId));
    const s = id !== undefined ? await this.session(id) : undefined;
    return s?.contactId === contactId ? s : undefined;
  }

  async create(s: SessionState): Promise<void> {
    await this.state.set(sessionKey(s.id), JSON.stringify(s), SESSION_KEPT_MS);
    await this.state.set(contactKey(s.contactId), s.id, SESSION_KEPT_MS);
  }

  /**
   * Change a session atomically: `change` sees the current value (undefined when it is gone or ended) and returns
   * the next value, the same object for "no change", or an error code.
   */
  async transition(
    id: string,
    change: (s: SessionState | undefined) => SessionState | string,
  ): Promise<Transition> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const raw = await this.state.get(sessionKey(id));
      const parsed = raw !== undefined ? (JSON.parse(raw) as SessionState) : undefined;
      const current = parsed && parsed.status !== 'ended' ? parsed : undefined;
      const next = change(current);
      if (typeof next === 'string') return { ok: false, error: next };
      if (!current || raw === undefined) throw new Error('a transition cannot create a session');
      if (next === current) return { ok: true, before: current, after: current };
      if (await this.state.compareAndSet(sessionKey(id), raw, JSON.stringify(next), SESSION_KEPT_MS))
        return { ok: true, before: current, after: next };
    }
    throw new Error(`co-browse session ${id}: too many concurrent changes`);
  }

  /** After the transition to `ended` (which only one caller wins): the key goes; the contact's pointer expires. */
  async remove(id: string): Promise<void> {
    await this.state.delete(sessionKey(id));
  }

  /** A new 6-digit code for the socket in `room`, unique among the pending codes; replaces that socket's earlier code. */
  async issueCode(room: string, now: number): Promise<{ code: string; expiresAt: number }> {
    await this.forgetCodes(room);
    const expiresAt = now + COBROWSE_CODE_TTL_MS;
    const value = JSON.stringify({ expiresAt, room } satisfies PendingCode);
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (!(await this.state.setIfAbsent(codeKey(code), value, CODE_KEPT_MS)));
    await this.state.set(roomCodeKey(room), code, CODE_KEPT_MS);
    return { code, expiresAt };
  }

  /** Single use: of two instances redeeming the same code at the same moment, one gets it. */
  async takeCode(code: string): Promise<PendingCode | undefined> {
    const raw = await this.state.take(codeKey(code));
    return raw !== undefined ? (JSON.parse(raw) as PendingCode) : undefined;
  }

  async forgetCodes(room: string): Promise<void> {
    const code = await this.state.take(roomCodeKey(room));
    if (code === undefined) return;
    const raw = await this.state.get(codeKey(code));
    if (raw !== undefined && (JSON.parse(raw) as PendingCode).room === room)
      await this.state.delete(codeKey(code));
  }

  /** Wrong codes of `who` within the window, counted in one-minute buckets on the clock (all instances together). */
  async wrongCodes(who: string, now: number, windowMs: number): Promise<number> {
    const minute = Math.floor(now / MINUTE);
    const buckets = Array.from({ length: Math.ceil(windowMs / MINUTE) }, (_, i) => minute - i);
    const counts = await Promise.all(buckets.map((m) => this.state.get(wrongKey(who, m))));
    return counts.reduce((sum, c) => sum + (c !== undefined ? Number(c) : 0), 0);
  }

  async countWrongCode(who: string, now: number, windowMs: number): Promise<void> {
    await this.state.increment(wrongKey(who, Math.floor(now / MINUTE)), windowMs + MINUTE);
  }
}
