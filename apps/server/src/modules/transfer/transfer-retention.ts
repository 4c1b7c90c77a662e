import type { Db } from '../../store/db';

/** Handover notes, consult questions and drafts of a contact: deleted with the contact's personal data. */
export function createTransferRetention(db: Db): {
  deleteNotesAndDrafts(contactIds: readonly string[]): number;
} {
  const notes = db.prepare('DELETE FROM contact_notes WHERE contact_id = ?');
  const drafts = db.prepare('DELETE FROM contact_drafts WHERE contact_id = ?');
  return {
    deleteNotesAndDrafts(contactIds) {
      let removed = 0;
      db.transaction(() => {
        for (const id of contactIds) removed += notes.run(id).changes + drafts.run(id).changes;
      })();
      return removed;
    },
  };
}
