import type { Store } from '../../../store/store';
import { isUniqueViolation } from '../../../store/unique-violation';

/** Every CTI event once (eventId), and the contact of every call. */
export interface CtiTables {
  cti_events: {
    event_id: string;
    call_id: string;
    type: string;
    received_at: number;
    contact_id: string | null;
    /** The JSON answer; empty while the event is being processed. */
    response: string;
  };
  cti_calls: { call_id: string; contact_id: string; state: string; updated_at: number };
}

export interface CtiCall {
  callId: string;
  contactId: string;
  state: string;
}

/** `claimed`: process it; `duplicate`: answered before (its answer); `busy`: the same event is being processed. */
export type CtiClaim = { kind: 'claimed' } | { kind: 'duplicate'; response: string } | { kind: 'busy' };

export interface CtiRepository {
  /** Claims an eventId for processing; the primary key decides between concurrent deliveries. */
  claim(event: { eventId: string; callId: string; type: string }, at: number): Promise<CtiClaim>;
  /** Stores the answer of a claimed event: a replay gets it. */
  answer(eventId: string, contactId: string | undefined, response: string): Promise<void>;
  /** Processing failed: the platform may deliver the event again. */
  release(eventId: string): Promise<void>;
  call(callId: string): Promise<CtiCall | undefined>;
  setCall(callId: string, contactId: string, state: string, at: number): Promise<void>;
}

export function createCtiRepository(store: Store): CtiRepository {
  const db = store.kysely<CtiTables>();
  return {
    async claim({ eventId, callId, type }, at) {
      try {
        await db
          .insertInto('cti_events')
          .values({
            event_id: eventId,
            call_id: callId,
            type,
            received_at: at,
            contact_id: null,
            response: '',
          })
          .execute();
        return { kind: 'claimed' };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      const r = await db
        .selectFrom('cti_events')
        .select('response')
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return r && r.response !== '' ? { kind: 'duplicate', response: r.response } : { kind: 'busy' };
    },
    async answer(eventId, contactId, response) {
      await db
        .updateTable('cti_events')
        .set({ contact_id: contactId ?? null, response })
        .where('event_id', '=', eventId)
        .execute();
    },
    async release(eventId) {
      await db.deleteFrom('cti_events').where('event_id', '=', eventId).where('response', '=', '').execute();
    },
    async call(callId) {
      const r = await db.selectFrom('cti_calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
      return r ? { callId: r.call_id, contactId: r.contact_id, state: r.state } : undefined;
    },
    async setCall(callId, contactId, state, at) {
      await db
        .insertInto('cti_calls')
        .values({ call_id: callId, contact_id: contactId, state, updated_at: at })
        .onConflict((oc) =>
          oc.column('call_id').doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
  };
}
