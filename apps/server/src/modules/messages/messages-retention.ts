import fs from 'node:fs';
import type { Db } from '../../store/db';

/** What retention removes of a contact's messages: the texts (transcripts) and the stored attachments. */
export interface MessagesRetention {
  /** Empties the text of every message of these contacts; returns the messages changed. */
  eraseTexts(contactIds: readonly string[]): number;
  /** Deletes the attachments of these contacts, files included; returns the attachments removed. */
  deleteAttachments(contactIds: readonly string[]): number;
}

export function createMessagesRetention(db: Db): MessagesRetention {
  const erase = db.prepare(
    `UPDATE contact_messages SET body = '', html = NULL, from_label = NULL
     WHERE contact_id = ? AND (body <> '' OR html IS NOT NULL OR from_label IS NOT NULL)`,
  );
  const files = db.prepare<[string], { id: string; stored_path: string }>(
    'SELECT id, stored_path FROM contact_attachments WHERE contact_id = ?',
  );
  const remove = db.prepare('DELETE FROM contact_attachments WHERE id = ?');
  return {
    eraseTexts(contactIds) {
      let changed = 0;
      db.transaction(() => {
        for (const id of contactIds) changed += erase.run(id).changes;
      })();
      return changed;
    },
    deleteAttachments(contactIds) {
      let removed = 0;
      for (const contactId of contactIds) {
        for (const a of files.all(contactId)) {
          // the row goes only once the file is gone (or was already), so a failed unlink is tried again
          fs.rmSync(a.stored_path, { force: true });
          removed += remove.run(a.id).changes;
        }
      }
      return removed;
    },
  };
}
