import fs from 'node:fs';
import type { Store } from '../../store/store';
import type { MessagesTables } from './messages.repository';

/** What retention removes of a contact's messages: the texts (transcripts) and the stored attachments. */
export interface MessagesRetention {
  /** Empties the text of every message of these contacts; returns the messages changed. */
  eraseTexts(contactIds: readonly string[]): Promise<number>;
  /** Deletes the attachments of these contacts, files included; returns the attachments removed. */
  deleteAttachments(contactIds: readonly string[]): Promise<number>;
}

export function createMessagesRetention(store: Store): MessagesRetention {
  const db = store.kysely<MessagesTables>();
  return {
    async eraseTexts(contactIds) {
      if (contactIds.length === 0) return 0;
      const result = await db
        .updateTable('contact_messages')
        .set({ body: '', html: null, from_label: null })
        .where('contact_id', 'in', [...contactIds])
        .where((eb) =>
          eb.or([eb('body', '<>', ''), eb('html', 'is not', null), eb('from_label', 'is not', null)]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async deleteAttachments(contactIds) {
      if (contactIds.length === 0) return 0;
      const files = await db
        .selectFrom('contact_attachments')
        .select(['id', 'stored_path'])
        .where('contact_id', 'in', [...contactIds])
        .execute();
      let removed = 0;
      for (const a of files) {
        // the row goes only once the file is gone (or was already), so a failed unlink is tried again
        fs.rmSync(a.stored_path, { force: true });
        const result = await db.deleteFrom('contact_attachments').where('id', '=', a.id).executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      return removed;
    },
  };
}
