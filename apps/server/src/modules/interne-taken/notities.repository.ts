import type { InterneTaakNotitie } from '@kcc/contracts/interne-taken';
import type { Store } from '../../store/store';
import type { InterneTakenTables } from './interne-taken.migrations';

interface Row {
  id: number;
  auteur: string;
  tekst: string;
  created_at: number;
}

const toNotitie = (r: Row): InterneTaakNotitie => ({
  id: r.id,
  auteur: r.auteur,
  tekst: r.tekst,
  aangemaaktOp: new Date(r.created_at).toISOString(),
});

/** Notes on an interne taak, with author and time, oldest first. */
export interface NotitiesRepository {
  van(taakUuid: string): Promise<InterneTaakNotitie[]>;
  voegToe(n: {
    taakUuid: string;
    userId: string;
    auteur: string;
    tekst: string;
    at: number;
  }): Promise<InterneTaakNotitie>;
}

export function createNotitiesRepository(store: Store): NotitiesRepository {
  const db = store.kysely<InterneTakenTables>();
  return {
    van: async (taakUuid) =>
      (
        await db
          .selectFrom('interne_taak_notities')
          .select(['id', 'auteur', 'tekst', 'created_at'])
          .where('taak_uuid', '=', taakUuid)
          .orderBy('id')
          .execute()
      ).map(toNotitie),
    async voegToe(n) {
      const { id } = await db
        .insertInto('interne_taak_notities')
        .values({
          taak_uuid: n.taakUuid,
          user_id: n.userId,
          auteur: n.auteur,
          tekst: n.tekst,
          created_at: n.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return toNotitie({ id, auteur: n.auteur, tekst: n.tekst, created_at: n.at });
    },
  };
}
