import { z } from 'zod';
import {
  AgentSettablePresence,
  AgentState,
  Contact,
  ContactSummary,
  IsoDateTime,
  QueueWaiting,
} from './domain';

/** Every command acks with this (CONTRACT.md, Agent socket). */
export type Ack<T = undefined> =
  | (T extends undefined ? { ok: true; data?: undefined } : { ok: true; data: T })
  | { ok: false; error: string; issues?: AckIssue[] };
export interface AckIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

/** Error codes carried in `{ok:false, error}`. */
export const ACK_ERRORS = {
  invalidPayload: 'invalid_payload',
  offerExpired: 'expired',
  offerTaken: 'taken',
  notFound: 'not_found',
  forbidden: 'forbidden',
  conflict: 'conflict',
  internal: 'internal_error',
} as const;

// ---------------------------------------------------------------- payloads (client → server)
export const PresenceSetPayload = z.object({ status: AgentSettablePresence }).strict();
export type PresenceSetPayload = z.infer<typeof PresenceSetPayload>;
export const OfferPayload = z.object({ offerId: z.string().min(1).max(100) }).strict();
export type OfferPayload = z.infer<typeof OfferPayload>;

// ---------------------------------------------------------------- payloads (server → client)
export const ContactOfferedEvent = z.object({
  offerId: z.string(),
  contact: ContactSummary,
  expiresAt: IsoDateTime,
});
export type ContactOfferedEvent = z.infer<typeof ContactOfferedEvent>;

export const OfferRevokedEvent = z.object({
  offerId: z.string(),
  contactId: z.string(),
  reason: z.enum(['expired', 'taken', 'withdrawn']),
});
export type OfferRevokedEvent = z.infer<typeof OfferRevokedEvent>;

export const ContactChangedEvent = z.object({ contact: Contact });
export type ContactChangedEvent = z.infer<typeof ContactChangedEvent>;

export const PresenceChangedEvent = AgentState;
export type PresenceChangedEvent = z.infer<typeof PresenceChangedEvent>;

export const QueueWaitingEvent = z.object({ items: z.array(QueueWaiting) });
export type QueueWaitingEvent = z.infer<typeof QueueWaitingEvent>;

/** Socket.io event maps for the `/agent` namespace (names: `entity:verb` in, `entity:past-tense` out). */
export interface AgentClientToServerEvents {
  'presence:set': (payload: PresenceSetPayload, ack: (res: Ack<AgentState>) => void) => void;
  'offer:accept': (payload: OfferPayload, ack: (res: Ack<{ contact: Contact }>) => void) => void;
  'offer:decline': (payload: OfferPayload, ack: (res: Ack) => void) => void;
}

export interface AgentServerToClientEvents {
  /** A contact is reserved for this agent until `expiresAt`. */
  'contact:offered': (event: ContactOfferedEvent) => void;
  /** The offer is gone: timed out, taken in another window, or withdrawn (contact ended). */
  'offer:revoked': (event: OfferRevokedEvent) => void;
  /** A contact this agent holds changed (assigned, registered, nawerk, closed, re-queued). */
  'contact:updated': (event: ContactChangedEvent) => void;
  /** This agent's presence changed (by themselves in another window, or by the system). */
  'presence:changed': (event: PresenceChangedEvent) => void;
  /** Waiting counts in this agent's queues. */
  'queue:waiting-changed': (event: QueueWaitingEvent) => void;
  /** The agent's interne taken changed: refetch. */
  'internetaken:changed': () => void;
}

/** Per-socket data the server keeps after authentication. */
export interface AgentSocketData {
  userId: string;
  roles: string[];
}
