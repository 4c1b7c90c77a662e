/** A row of the contact event log as the checks read it (seq order is commit order). */
export interface LoggedContactEvent {
  seq: number;
  contactId: string;
  type: string;
  at: number;
  agentId?: string | null;
  data?: Record<string, unknown> | null;
}

export interface Violation {
  seq: number;
  contactId: string;
  problem: string;
}

interface OpenOffer {
  offerId: string;
  agentId: string;
  expiresAt: number;
}

/** Events that end an offer (the offer's id is in `data.offerId`). */
const OFFER_ENDS = new Set(['offer-expired', 'offer-declined', 'offer-withdrawn', 'assigned']);
/** Events after which the agent who held the contact no longer holds it. */
const HOLD_ENDS = new Set([
  'nawerk',
  'closed',
  'abandoned',
  'requeued',
  'reopened',
  'removed',
  'transferred',
]);

const offerIdOf = (e: LoggedContactEvent) =>
  typeof e.data?.offerId === 'string' ? e.data.offerId : undefined;

/**
 * A contact is never offered to two agents at once: when an `offered` row is committed, every earlier offer of
 * that contact has ended (a logged end, or its `expiresAt` passed). An offer a dead leader made and nobody
 * ended counts as open until it expires, so a new leader that re-offers must end it first.
 */
export function offersThatOverlap(events: readonly LoggedContactEvent[]): Violation[] {
  const open = new Map<string, OpenOffer[]>();
  const violations: Violation[] = [];
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const offers = (open.get(e.contactId) ?? []).filter((o) => o.expiresAt > e.at);
    if (e.type === 'offered') {
      if (offers.length > 0) {
        violations.push({
          seq: e.seq,
          contactId: e.contactId,
          problem: `offered to ${e.agentId} while offer ${offers[0]?.offerId} to ${offers[0]?.agentId} is open`,
        });
      }
      const expiresAt = typeof e.data?.expiresAt === 'number' ? e.data.expiresAt : Number.POSITIVE_INFINITY;
      offers.push({ offerId: offerIdOf(e) ?? '', agentId: e.agentId ?? '', expiresAt });
    } else if (OFFER_ENDS.has(e.type)) {
      const id = offerIdOf(e);
      const i = offers.findIndex((o) => o.offerId === id);
      if (i >= 0) offers.splice(i, 1);
    }
    open.set(e.contactId, offers);
  }
  return violations;
}

/**
 * No agent ever holds more contacts of a channel, open offers included, than their capacity for it. Holding
 * starts at `offered` (the offer reserves the place) and ends when the offer ends without an assignment, or
 * when the assigned contact goes to nawerk, closes, is requeued, abandoned or transferred.
 */
export function capacityExceeded(
  events: readonly LoggedContactEvent[],
  channelOf: (contactId: string) => string,
  capacity: (agentId: string, channel: string) => number,
): Violation[] {
  /** agent → contacts it holds (offered or assigned). */
  const held = new Map<string, Set<string>>();
  /** contact → the agent that holds it, and until when an unanswered offer lasts. */
  const holder = new Map<string, { agentId: string; offerExpiresAt?: number }>();
  const release = (contactId: string) => {
    const h = holder.get(contactId);
    if (!h) return;
    held.get(h.agentId)?.delete(contactId);
    holder.delete(contactId);
  };
  const violations: Violation[] = [];
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    for (const [contactId, h] of holder) {
      if (h.offerExpiresAt !== undefined && h.offerExpiresAt <= e.at) release(contactId);
    }
    const agentId = e.agentId ?? undefined;
    if ((e.type === 'offered' || e.type === 'assigned') && agentId) {
      if (holder.get(e.contactId)?.agentId !== agentId) release(e.contactId);
      const expiresAt = typeof e.data?.expiresAt === 'number' ? e.data.expiresAt : Number.POSITIVE_INFINITY;
      holder.set(e.contactId, e.type === 'offered' ? { agentId, offerExpiresAt: expiresAt } : { agentId });
      const mine = held.get(agentId) ?? new Set<string>();
      mine.add(e.contactId);
      held.set(agentId, mine);
      const channel = channelOf(e.contactId);
      const inChannel = [...mine].filter((id) => channelOf(id) === channel).length;
      if (inChannel > capacity(agentId, channel)) {
        violations.push({
          seq: e.seq,
          contactId: e.contactId,
          problem: `${agentId} holds ${inChannel} ${channel} contacts, capacity ${capacity(agentId, channel)}`,
        });
      }
    } else if (OFFER_ENDS.has(e.type) || HOLD_ENDS.has(e.type)) {
      release(e.contactId);
    }
  }
  return violations;
}
