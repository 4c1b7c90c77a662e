import type { Db } from '../../store/db';
import type { StoredAgentEvent, StoredContactEvent } from './contact-fold';

interface ContactRow {
  seq: number;
  contact_id: string;
  type: string;
  at: number;
  agent_id: string | null;
  data: string | null;
}
interface AgentRow {
  seq: number;
  agent_id: string;
  type: string;
  at: number;
  data: string | null;
}

const parse = (data: string | null): Record<string, unknown> | undefined =>
  data === null ? undefined : (JSON.parse(data) as Record<string, unknown>);

export function toContactEvent(r: ContactRow): StoredContactEvent {
  return {
    seq: r.seq,
    contactId: r.contact_id,
    type: r.type,
    at: r.at,
    ...(r.agent_id !== null ? { agentId: r.agent_id } : {}),
    ...(r.data !== null ? { data: parse(r.data) } : {}),
  } as StoredContactEvent;
}

export function toAgentEvent(r: AgentRow): StoredAgentEvent {
  return {
    seq: r.seq,
    agentId: r.agent_id,
    type: r.type,
    at: r.at,
    ...(r.data !== null ? { data: parse(r.data) } : {}),
  } as StoredAgentEvent;
}

export interface DayReplay {
  /** Earlier events (log order) of contacts that arrived before the day and still count in it. */
  carriedOver: StoredContactEvent[];
  /** Each agent's last `presence-changed` before the day: its presence when the day began. */
  presenceBefore: StoredAgentEvent[];
  contactEvents: StoredContactEvent[];
  agentEvents: StoredAgentEvent[];
}

/** Reads the append-only `contact_events` and `agent_events` tables in log order. */
export class EventLogReader {
  private readonly contactRange;
  private readonly agentRange;
  private readonly maxBoth;
  private readonly channel;
  private readonly firstContactAt;
  private readonly firstAgentAt;
  private readonly carriedOver;
  private readonly contactSeqRange;
  private readonly agentSeqRange;
  private readonly presenceBefore;

  constructor(db: Db) {
    this.contactRange = db.prepare<[number, number, number], ContactRow>(
      'SELECT * FROM contact_events WHERE at >= ? AND at < ? AND seq <= ? ORDER BY seq',
    );
    this.agentRange = db.prepare<[number, number, number], AgentRow>(
      'SELECT * FROM agent_events WHERE at >= ? AND at < ? AND seq <= ? ORDER BY seq',
    );
    this.maxBoth = db.prepare<[], { c: number | null; a: number | null }>(
      'SELECT (SELECT MAX(seq) FROM contact_events) AS c, (SELECT MAX(seq) FROM agent_events) AS a',
    );
    this.firstContactAt = db.prepare<[number], { m: number | null }>(
      'SELECT MIN(seq) AS m FROM contact_events WHERE at >= ?',
    );
    this.firstAgentAt = db.prepare<[number], { m: number | null }>(
      'SELECT MIN(seq) AS m FROM agent_events WHERE at >= ?',
    );
    // Before `from`: the events of contacts that have events from `from` on, or are open now.
    this.carriedOver = db.prepare<[number, number, number], ContactRow>(
      `SELECT * FROM contact_events WHERE seq < ? AND contact_id IN (
         SELECT contact_id FROM contact_events WHERE seq >= ? AND seq <= ?
         UNION SELECT id FROM contacts WHERE status IN ('new', 'queued', 'offered', 'assigned', 'nawerk')
       ) ORDER BY seq`,
    );
    this.contactSeqRange = db.prepare<[number, number], ContactRow>(
      'SELECT * FROM contact_events WHERE seq >= ? AND seq <= ? ORDER BY seq',
    );
    this.agentSeqRange = db.prepare<[number, number], AgentRow>(
      'SELECT * FROM agent_events WHERE seq >= ? AND seq <= ? ORDER BY seq',
    );
    this.presenceBefore = db.prepare<[number], AgentRow>(
      `SELECT * FROM agent_events WHERE seq IN (
         SELECT MAX(seq) FROM agent_events WHERE type = 'presence-changed' AND seq < ? GROUP BY agent_id
       ) ORDER BY seq`,
    );
    this.channel = db.prepare<[string], { channel: string }>('SELECT channel FROM contacts WHERE id = ?');
  }

  maxSeqs(): { contact: number; agent: number } {
    const row = this.maxBoth.get();
    return { contact: row?.c ?? 0, agent: row?.a ?? 0 };
  }

  /**
   * What the live read model needs to rebuild "today" from `dayStart`, up to the given seqs: the contact events
   * from the first one at or after `dayStart` on, preceded by the earlier events of the contacts that still
   * matter today (they have events today, or are open now: a contact that arrived before midnight and is
   * answered after it), and each agent's last presence before the day.
   */
  dayReplay(dayStart: number, max: { contact: number; agent: number }): DayReplay {
    const firstContact = this.firstContactAt.get(dayStart)?.m ?? max.contact + 1;
    const firstAgent = this.firstAgentAt.get(dayStart)?.m ?? max.agent + 1;
    return {
      carriedOver: this.carriedOver.all(firstContact, firstContact, max.contact).map(toContactEvent),
      presenceBefore: this.presenceBefore.all(firstAgent).map(toAgentEvent),
      contactEvents: this.contactSeqRange.all(firstContact, max.contact).map(toContactEvent),
      agentEvents: this.agentSeqRange.all(firstAgent, max.agent).map(toAgentEvent),
    };
  }

  contactEventsBetween(from: number, to: number, maxSeq = Number.MAX_SAFE_INTEGER): StoredContactEvent[] {
    return this.contactRange.all(from, to, maxSeq).map(toContactEvent);
  }

  agentEventsBetween(from: number, to: number, maxSeq = Number.MAX_SAFE_INTEGER): StoredAgentEvent[] {
    return this.agentRange.all(from, to, maxSeq).map(toAgentEvent);
  }

  channelOf(contactId: string): string | undefined {
    return this.channel.get(contactId)?.channel;
  }
}
