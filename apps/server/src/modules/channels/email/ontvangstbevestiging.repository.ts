import type { Store } from '../../../store/store';

/** The beheerder's receipt texts per queue and the receipts sent (with the answer time they promised). */
export interface OntvangstbevestigingTables {
  ontvangstbevestiging_templates: {
    queue_id: string;
    tekst: string;
    actief: number;
    bijgewerkt_op: number;
    bijgewerkt_door: string;
  };
  ontvangstbevestigingen: { contact_id: string; message_id: string; at: number; beloofd_voor: number | null };
}

export type TemplateRow = OntvangstbevestigingTables['ontvangstbevestiging_templates'];

export interface OntvangstbevestigingRepository {
  template(queueId: string): Promise<TemplateRow | undefined>;
  saveTemplate(row: TemplateRow): Promise<void>;
  /** Records the receipt of a contact; false when the contact has one already (at most one per contact). */
  addReceipt(receipt: {
    contactId: string;
    messageId: string;
    at: number;
    beloofdVoor?: number;
  }): Promise<boolean>;
  /** The receipts whose promised answer time falls in [from, to). */
  promisedBetween(from: number, to: number): Promise<{ contactId: string; beloofdVoor: number }[]>;
}

export function createOntvangstbevestigingRepository(store: Store): OntvangstbevestigingRepository {
  const db = store.kysely<OntvangstbevestigingTables>();
  return {
    template: (queueId) =>
      db
        .selectFrom('ontvangstbevestiging_templates')
        .selectAll()
        .where('queue_id', '=', queueId)
        .executeTakeFirst(),
    async saveTemplate(row) {
      await db
        .insertInto('ontvangstbevestiging_templates')
        .values(row)
        .onConflict((oc) =>
          oc.column('queue_id').doUpdateSet((eb) => ({
            tekst: eb.ref('excluded.tekst'),
            actief: eb.ref('excluded.actief'),
            bijgewerkt_op: eb.ref('excluded.bijgewerkt_op'),
            bijgewerkt_door: eb.ref('excluded.bijgewerkt_door'),
          })),
        )
        .execute();
    },
    async addReceipt({ contactId, messageId, at, beloofdVoor }) {
      const r = await db
        .insertInto('ontvangstbevestigingen')
        .values({ contact_id: contactId, message_id: messageId, at, beloofd_voor: beloofdVoor ?? null })
        .onConflict((oc) => oc.column('contact_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async promisedBetween(from, to) {
      const rows = await db
        .selectFrom('ontvangstbevestigingen')
        .select(['contact_id', 'beloofd_voor'])
        .where('beloofd_voor', '>=', from)
        .where('beloofd_voor', '<', to)
        .execute();
      return rows.map((r) => ({ contactId: r.contact_id, beloofdVoor: r.beloofd_voor ?? 0 }));
    },
  };
}
