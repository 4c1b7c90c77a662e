import type { Store } from '../../store/store';
import type { TransferTables } from './transfer.repository';

/** Handover notes, consult questions and drafts of a contact: deleted with the contact's personal data. */
export function createTransferRetention(store: Store): {
  deleteNotesAndDrafts(contactIds: readonly string[]): Promise<number>;
} {
  const db = store.kysely<TransferTables>();
  return {
    async deleteNotesAndDrafts(contactIds) {
      if (contactIds.length === 0) return 0;
      const ids = [...contactIds];
      return db.transaction().execute(async (trx) => {
        const notes = await trx.deleteFrom('contact_notes').where('contact_id', 'in', ids).executeTakeFirst();
        const drafts = await trx
          .deleteFrom('contact_drafts')
          .where('contact_id', 'in', ids)
          .executeTakeFirst();
        return Number(notes.numDeletedRows) + Number(drafts.numDeletedRows);
      });
    },
  };
}
