import type { Store } from '../../store/store';
import type { InterneTakenTables } from './interne-taken.migrations';

/** Which medewerkers work an afdeling's interne taken (user ids per afdeling actor). */
export interface AfdelingMedewerkersRepository {
  afdelingenVan(userId: string): Promise<string[]>;
  medewerkersVan(afdelingActorUuid: string): Promise<string[]>;
  /** Replace the afdeling's medewerkers. */
  zet(afdelingActorUuid: string, userIds: readonly string[]): Promise<void>;
}

export function createAfdelingMedewerkersRepository(store: Store): AfdelingMedewerkersRepository {
  const db = store.kysely<InterneTakenTables>();
  return {
    afdelingenVan: async (userId) =>
      (
        await db
          .selectFrom('afdeling_medewerkers')
          .select('afdeling_actor_uuid')
          .where('user_id', '=', userId)
          .execute()
      ).map((r) => r.afdeling_actor_uuid),
    medewerkersVan: async (afdeling) =>
      (
        await db
          .selectFrom('afdeling_medewerkers')
          .select('user_id')
          .where('afdeling_actor_uuid', '=', afdeling)
          .orderBy('user_id')
          .execute()
      ).map((r) => r.user_id),
    async zet(afdeling, userIds) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('afdeling_medewerkers').where('afdeling_actor_uuid', '=', afdeling).execute();
        if (userIds.length === 0) return;
        await trx
          .insertInto('afdeling_medewerkers')
          .values(userIds.map((user_id) => ({ afdeling_actor_uuid: afdeling, user_id })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      });
    },
  };
}
