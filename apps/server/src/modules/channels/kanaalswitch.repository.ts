import type { Store } from '../../store/store';

/** Who a contact was recognised as when it arrived (klantherkenning), for kanaalswitch detection. */
export interface KanaalswitchTables {
  contact_partij_hints: { contact_id: string; partij_uuid: string; channel: string; at: number };
}

export interface PartijHint {
  contactId: string;
  channel: string;
  at: number;
}

export interface KanaalswitchRepository {
  /** The partij a new contact was recognised as; a second hint for the contact is ignored. */
  addHint(contactId: string, partijUuid: string, channel: string, at: number): Promise<void>;
  /** The latest contact recognised as this partij on arrival in [from, to], other than `exceptId`. */
  latestHint(
    partijUuid: string,
    range: { from: number; to: number; exceptId: string },
  ): Promise<PartijHint | undefined>;
}

export function createKanaalswitchRepository(store: Store): KanaalswitchRepository {
  const db = store.kysely<KanaalswitchTables>();
  return {
    async addHint(contactId, partijUuid, channel, at) {
      await db
        .insertInto('contact_partij_hints')
        .values({ contact_id: contactId, partij_uuid: partijUuid, channel, at })
        .onConflict((oc) => oc.column('contact_id').doNothing())
        .execute();
    },
    async latestHint(partijUuid, { from, to, exceptId }) {
      const r = await db
        .selectFrom('contact_partij_hints')
        .select(['contact_id', 'channel', 'at'])
        .where('partij_uuid', '=', partijUuid)
        .where('at', '>=', from)
        .where('at', '<=', to)
        .where('contact_id', '!=', exceptId)
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? { contactId: r.contact_id, channel: r.channel, at: r.at } : undefined;
    },
  };
}
