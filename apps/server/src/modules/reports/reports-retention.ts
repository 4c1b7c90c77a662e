import type { Db } from '../../store/db';

/**
 * The reports keep a registration's partij only to count repeat contacts (first-contact resolution, within days);
 * after the contact's bewaartermijn the link goes and the registration still counts.
 */
export function createReportsRetention(db: Db): { forgetPartij(contactIds: readonly string[]): number } {
  const forget = db.prepare(
    'UPDATE report_registrations SET partij_uuid = NULL WHERE contact_id = ? AND partij_uuid IS NOT NULL',
  );
  return {
    forgetPartij(contactIds) {
      let changed = 0;
      db.transaction(() => {
        for (const id of contactIds) changed += forget.run(id).changes;
      })();
      return changed;
    },
  };
}
