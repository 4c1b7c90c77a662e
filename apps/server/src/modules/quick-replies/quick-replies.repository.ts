import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import { isUniqueViolation } from '../../store/unique-violation';
import type { QuickReplyInput, QuickReplyView } from './quick-replies.schemas';

export const quickRepliesMigrations: StoreMigration[] = [
  {
    id: 'quick-replies/001_init',
    sqlite: `
      -- Standard chat / e-mail answers the beheerder maintains; agents insert them with "/code".
      CREATE TABLE quick_replies (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE quick_replies (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
];

/** The tables this module owns, as the query builder sees them. */
export interface QuickRepliesTables {
  quick_replies: Row;
}

interface Row {
  id: string;
  code: string;
  title: string;
  body: string;
  /** Epoch milliseconds. */
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
  list(): Promise<QuickReplyView[]>;
  count(): Promise<number>;
  get(id: string): Promise<QuickReplyView | undefined>;
  /** Rejects with DuplicateCode when another reply has this code. */
  create(input: QuickReplyInput): Promise<QuickReplyView>;
  /** Undefined when the id does not exist; rejects with DuplicateCode. */
  update(id: string, input: QuickReplyInput): Promise<QuickReplyView | undefined>;
  remove(id: string): Promise<boolean>;
}

/** The quick replies on the async store; the UNIQUE code decides between concurrent writers. */
export function createQuickRepliesRepository(
  store: Store,
  now: () => number = Date.now,
): QuickRepliesRepository {
  const db: Kysely<QuickRepliesTables> = store.kysely<QuickRepliesTables>();
  const duplicateAsDomainError = (code: string) => (err: unknown) => {
    throw isUniqueViolation(err) ? new DuplicateCode(code) : err;
  };

  return {
    list: async () =>
      (await db.selectFrom('quick_replies').selectAll().orderBy('code').execute()).map(toView),
    count: async () => {
      const row = await db
        .selectFrom('quick_replies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    get: async (id) => {
      const row = await db.selectFrom('quick_replies').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toView(row) : undefined;
    },
    create: async (input) => {
      const row: Row = { id: randomUUID(), ...input, updated_at: now() };
      await db.insertInto('quick_replies').values(row).execute().catch(duplicateAsDomainError(input.code));
      return toView(row);
    },
    update: async (id, input) => {
      const updated_at = now();
      const result = await db
        .updateTable('quick_replies')
        .set({ code: input.code, title: input.title, body: input.body, updated_at })
        .where('id', '=', id)
        .executeTakeFirst()
        .catch(duplicateAsDomainError(input.code));
      return result.numUpdatedRows > 0n ? toView({ id, ...input, updated_at }) : undefined;
    },
    remove: async (id) => {
      const result = await db.deleteFrom('quick_replies').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
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

export async function seedDemoQuickReplies(repo: QuickRepliesRepository): Promise<void> {
  if ((await repo.count()) > 0) return;
  for (const reply of DEMO_QUICK_REPLIES) await repo.create(reply);
}
