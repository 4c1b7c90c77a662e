import type { AgentState, Contact, QueueWaiting } from '@kcc/contracts/domain';
import type { ContactOfferedEvent, OfferRevokedEvent } from '@kcc/contracts/realtime';

/** What routing tells the agents; the realtime layer implements it (no socket.io here). */
export interface RoutingNotifier {
  offered(agentId: string, event: ContactOfferedEvent): void;
  offerRevoked(agentId: string, event: OfferRevokedEvent): void;
  contactUpdated(agentId: string, contact: Contact): void;
  presenceChanged(agentId: string, state: AgentState): void;
  waitingChanged(agentId: string, items: QueueWaiting[]): void;
  /** The same counts to several agents at once (one encoded packet); without it, `waitingChanged` per agent. */
  waitingChangedFor?(agentIds: string[], items: QueueWaiting[]): void;
}

export const silentNotifier: RoutingNotifier = {
  offered: () => undefined,
  offerRevoked: () => undefined,
  contactUpdated: () => undefined,
  presenceChanged: () => undefined,
  waitingChanged: () => undefined,
};
