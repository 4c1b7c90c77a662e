import type { InterneTaakNotitie } from '@kcc/contracts/interne-taken';
import type { Db } from '../../store/db';
import { prepared } from '../../store/prepared';

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
  van(taakUuid: string): InterneTaakNotitie[];
  voegToe(n: {
    taakUuid: string;
    userId: string;
    auteur: string;
    tekst: string;
    at: number;
  }): InterneTaakNotitie;
}

export function createNotitiesRepository(db: Db): NotitiesRepository {
  return {
    van: (taakUuid) =>
      (
        prepared(
          db,
          'SELECT id, auteur, tekst, created_at FROM interne_taak_notities WHERE taak_uuid = ? ORDER BY id',
        ).all(taakUuid) as Row[]
      ).map(toNotitie),
    voegToe(n) {
      const { lastInsertRowid } = prepared(
        db,
        'INSERT INTO interne_taak_notities (taak_uuid, user_id, auteur, tekst, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(n.taakUuid, n.userId, n.auteur, n.tekst, n.at);
      return toNotitie({ id: Number(lastInsertRowid), auteur: n.auteur, tekst: n.tekst, created_at: n.at });
    },
  };
}
