import type { Db } from '../../store/db';

/**
 * What the channel adapters keep about a resident besides the contact itself: the chat's name, e-mail and page,
 * the rating comment, the callback number and note, and the partij hint of a kanaalswitch. Retention erases them
 * with the contact; what stays (times, rating score, outcome) is statistics.
 */
export function createChannelsRetention(db: Db): { anonymise(contactIds: readonly string[]): number } {
  const chat = db.prepare(
    `UPDATE chat_conversations SET name = NULL, email = NULL, page_url = NULL, rating_comment = NULL
     WHERE contact_id = ? AND (name IS NOT NULL OR email IS NOT NULL OR page_url IS NOT NULL OR rating_comment IS NOT NULL)`,
  );
  const callback = db.prepare(
    `UPDATE callback_requests SET telefoonnummer = '', notitie = NULL
     WHERE contact_id = ? AND (telefoonnummer <> '' OR notitie IS NOT NULL)`,
  );
  const hint = db.prepare('DELETE FROM contact_partij_hints WHERE contact_id = ?');
  return {
    anonymise(contactIds) {
      let changed = 0;
      db.transaction(() => {
        for (const id of contactIds) {
          changed += chat.run(id).changes + callback.run(id).changes + hint.run(id).changes;
        }
      })();
      return changed;
    },
  };
}
