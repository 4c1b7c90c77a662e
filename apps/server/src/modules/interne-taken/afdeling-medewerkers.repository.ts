import type { Db } from '../../store/db';
import { prepared } from '../../store/prepared';

/** Which medewerkers work an afdeling's interne taken (user ids per afdeling actor). */
export interface AfdelingMedewerkersRepository {
  afdelingenVan(userId: string): string[];
  medewerkersVan(afdelingActorUuid: string): string[];
  /** Replace the afdeling's medewerkers. */
  zet(afdelingActorUuid: string, userIds: readonly string[]): void;
}

export function createAfdelingMedewerkersRepository(db: Db): AfdelingMedewerkersRepository {
  return {
    afdelingenVan: (userId) =>
      (
        prepared(db, 'SELECT afdeling_actor_uuid FROM afdeling_medewerkers WHERE user_id = ?').all(
          userId,
        ) as {
          afdeling_actor_uuid: string;
        }[]
      ).map((r) => r.afdeling_actor_uuid),
    medewerkersVan: (afdeling) =>
      (
        prepared(
          db,
          'SELECT user_id FROM afdeling_medewerkers WHERE afdeling_actor_uuid = ? ORDER BY user_id',
        ).all(afdeling) as { user_id: string }[]
      ).map((r) => r.user_id),
    zet(afdeling, userIds) {
      db.transaction(() => {
        prepared(db, 'DELETE FROM afdeling_medewerkers WHERE afdeling_actor_uuid = ?').run(afdeling);
        const insert = prepared(
          db,
          'INSERT OR IGNORE INTO afdeling_medewerkers (afdeling_actor_uuid, user_id) VALUES (?, ?)',
        );
        for (const id of userIds) insert.run(afdeling, id);
      })();
    },
  };
}
