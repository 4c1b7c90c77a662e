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

function toAgentEvent(r: AgentRow): StoredAgentEvent {
  return {
    seq: r.seq,
    agentId: r.agent_id,
    type: r.type,
    at: r.at,
    ...(r.data !== null ? { data: parse(r.data) } : {}),
  } as StoredAgentEvent;
}

/** Reads the append-only `contact_events` and `agent_events` tables in log order. */
export class EventLogReader {
  private readonly contactAfter;
  private readonly agentAfter;
  private readonly contactRange;
  private readonly agentRange;
  private readonly maxContact;
  private readonly maxAgent;
  private readonly channel;

  constructor(db: Db) {
    this.contactAfter = db.prepare<[number, number], ContactRow>(
      'SELECT * FROM contact_events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.agentAfter = db.prepare<[number, number], AgentRow>(
      'SELECT * FROM agent_events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.contactRange = db.prepare<[number, number, number], ContactRow>(
      'SELECT * FROM contact_events WHERE at >= ? AND at < ? AND seq <= ? ORDER BY seq',
    );
    this.agentRange = db.prepare<[number, number, number], AgentRow>(
      'SELECT * FROM agent_events WHERE at >= ? AND at < ? AND seq <= ? ORDER BY seq',
    );
    this.maxContact = db.prepare<[], { m: number | null }>('SELECT MAX(seq) AS m FROM contact_events');
    this.maxAgent = db.prepare<[], { m: number | null }>('SELECT MAX(seq) AS m FROM agent_events');
    this.channel = db.prepare<[string], { channel: string }>('SELECT channel FROM contacts WHERE id = ?');
  }

  maxSeqs(): { contact: number; agent: number } {
    return { contact: this.maxContact.get()?.m ?? 0, agent: this.maxAgent.get()?.m ?? 0 };
  }

  contactEventsAfter(seq: number, limit: number): StoredContactEvent[] {
    return this.contactAfter.all(seq, limit).map(toContactEvent);
  }

  agentEventsAfter(seq: number, limit: number): StoredAgentEvent[] {
    return this.agentAfter.all(seq, limit).map(toAgentEvent);
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
