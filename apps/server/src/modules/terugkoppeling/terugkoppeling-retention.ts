import type { Db } from '../../store/db';

/**
 * A message to the resident holds their address and what it said: it goes with the contact it was about, when the
 * contact's bewaartermijn ends. A message about an interne taak closed without a KCC contact (through the
 * Klantinteracties API) has no contact to expire with and is not pruned yet (docs/decisions.md).
 */
export function createTerugkoppelingRetention(db: Db): {
  deleteForContacts(contactIds: readonly string[]): number;
} {
  const remove = db.prepare('DELETE FROM terugkoppelingen WHERE contact_id = ?');
  return {
    deleteForContacts(contactIds) {
      let removed = 0;
      db.transaction(() => {
        for (const id of contactIds) removed += remove.run(id).changes;
      })();
      return removed;
    },
  };
}
