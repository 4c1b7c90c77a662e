import type { Store } from '../../../store/store';

export interface CallbackRow {
  contact_id: string;
  origin_contact_id: string | null;
  first_contact_id: string;
  telefoonnummer: string;
  voorkeur_van: number;
  voorkeur_tot: number | null;
  notitie: string | null;
  poging: number;
  max_pogingen: number;
  uitkomst: 'gelukt' | 'niet-bereikt' | null;
  created_by: string | null;
  created_at: number;
}

/** The terugbelverzoeken on the async store. */
export interface CallbackTables {
  callback_requests: CallbackRow;
}

export interface CallbackRepository {
  insert(row: Omit<CallbackRow, 'uitkomst'>): Promise<void>;
  byContact(contactId: string): Promise<CallbackRow | undefined>;
  /** Records the outcome unless one was recorded; false when it was. */
  setOutcome(contactId: string, uitkomst: 'gelukt' | 'niet-bereikt'): Promise<boolean>;
}

export function createCallbackRepository(store: Store): CallbackRepository {
  const db = store.kysely<CallbackTables>();
  return {
    async insert(row) {
      await db
        .insertInto('callback_requests')
        .values({ ...row, uitkomst: null })
        .execute();
    },
    byContact: (contactId) =>
      db.selectFrom('callback_requests').selectAll().where('contact_id', '=', contactId).executeTakeFirst(),
    async setOutcome(contactId, uitkomst) {
      const r = await db
        .updateTable('callback_requests')
        .set({ uitkomst })
        .where('contact_id', '=', contactId)
        .where('uitkomst', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
