import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';
import type { QuickReplyInput, QuickReplyView } from './quick-replies.schemas';

export const quickRepliesMigrations: Migration[] = [
  {
    id: 'quick-replies/001_init',
    sql: `
      -- Standard chat / e-mail answers the beheerder maintains; agents insert them with "/code".
      CREATE TABLE quick_replies (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
];

interface Row {
  id: string;
  code: string;
  title: string;
  body: string;
  updated_at: number;
}

const toView = (r: Row): QuickReplyView => ({
  id: r.id,
  code: r.code,
  title: r.title,
  body: r.body,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export class DuplicateCode extends Error {
  constructor(readonly code: string) {
    super(`quick reply code ${code} exists`);
    this.name = 'DuplicateCode';
  }
}

export interface QuickRepliesRepository {
  list(): QuickReplyView[];
  count(): number;
  get(id: string): QuickReplyView | undefined;
  /** Throws DuplicateCode when another reply has this code. */
  create(input: QuickReplyInput): QuickReplyView;
  /** Undefined when the id does not exist; throws DuplicateCode. */
  update(id: string, input: QuickReplyInput): QuickReplyView | undefined;
  remove(id: string): boolean;
}

export function createSqliteQuickRepliesRepository(db: Db): QuickRepliesRepository {
  const all = db.prepare<[], Row>('SELECT * FROM quick_replies ORDER BY code');
  const byId = db.prepare<[string], Row>('SELECT * FROM quick_replies WHERE id = ?');
  const byCode = db.prepare<[string], Row>('SELECT * FROM quick_replies WHERE code = ?');
  const countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM quick_replies');
  const insert = db.prepare(
    'INSERT INTO quick_replies (id, code, title, body, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const updateStmt = db.prepare(
    'UPDATE quick_replies SET code = ?, title = ?, body = ?, updated_at = ? WHERE id = ?',
  );
  const del = db.prepare('DELETE FROM quick_replies WHERE id = ?');

  const checkCode = (code: string, id?: string) => {
    const other = byCode.get(code);
    if (other && other.id !== id) throw new DuplicateCode(code);
  };

  return {
    list: () => all.all().map(toView),
    count: () => countStmt.get()?.n ?? 0,
    get: (id) => {
      const row = byId.get(id);
      return row ? toView(row) : undefined;
    },
    create: (input) =>
      db.transaction(() => {
        checkCode(input.code);
        const row: Row = { id: randomUUID(), ...input, updated_at: Date.now() };
        insert.run(row.id, row.code, row.title, row.body, row.updated_at);
        return toView(row);
      })(),
    update: (id, input) =>
      db.transaction(() => {
        if (!byId.get(id)) return undefined;
        checkCode(input.code, id);
        const now = Date.now();
        updateStmt.run(input.code, input.title, input.body, now, id);
        return toView({ id, ...input, updated_at: now });
      })(),
    remove: (id) => del.run(id).changes > 0,
  };
}

/** Demo: a handful of common answers, only while there are none. */
export const DEMO_QUICK_REPLIES: QuickReplyInput[] = [
  {
    code: 'welkom',
    title: 'Welkom',
    body: 'Goedendag, u chat met het klantcontactcentrum van de gemeente. Waarmee kan ik u helpen?',
  },
  {
    code: 'moment',
    title: 'Een moment',
    body: 'Een moment alstublieft, ik zoek het voor u uit.',
  },
  {
    code: 'openingstijden',
    title: 'Openingstijden',
    body: 'Het gemeentehuis is open van maandag tot en met vrijdag van 08:30 tot 17:00 uur. Voor een afspraak kunt u bellen met 14 020.',
  },
  {
    code: 'afspraak',
    title: 'Afspraak maken',
    body: 'U kunt een afspraak maken via de website van de gemeente, onder "Afspraak maken", of door te bellen met 14 020.',
  },
  {
    code: 'afsluiten',
    title: 'Afsluiten',
    body: 'Kan ik u verder nog ergens mee helpen? Zo niet, dan wens ik u een fijne dag.',
  },
];

export function seedDemoQuickReplies(repo: QuickRepliesRepository): void {
  if (repo.count() > 0) return;
  for (const reply of DEMO_QUICK_REPLIES) repo.create(reply);
}
