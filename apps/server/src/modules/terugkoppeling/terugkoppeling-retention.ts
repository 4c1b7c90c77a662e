import type { Store } from '../../store/store';
import { createTerugkoppelingRepository } from './terugkoppeling.repository';

/**
 * A message to the resident holds their address and what it said: it goes with the contact it was about, when the
 * contact's bewaartermijn ends. A message about an interne taak closed without a KCC contact (through the
 * Klantinteracties API) has no contact to expire with and is not pruned yet (docs/decisions.md).
 */
export function createTerugkoppelingRetention(store: Store): {
  deleteForContacts(contactIds: readonly string[]): Promise<number>;
} {
  const repository = createTerugkoppelingRepository(store, Date.now);
  return { deleteForContacts: (contactIds) => repository.deleteForContacts(contactIds) };
}
