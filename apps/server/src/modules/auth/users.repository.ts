import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Role, User } from '@kcc/contracts/domain';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import { isUniqueViolation } from '../../store/unique-violation';

export interface UserRecord extends User {
  passwordHash: string;
}

/**
 * User accounts on the async store. Every read goes to the store, so a change made by another instance (an
 * identity-provider login updating roles, a new account) counts here on the next request. `known` answers the
 * synchronous callers (names in pushes and logs) from what this process last read.
 */
export interface UsersRepository {
  /** An account that may log in (a demo account only while demo mode is on). */
  findByUsername(username: string): Promise<UserRecord | undefined>;
  /** Any account, also a disabled one (names in logs and history). */
  findById(id: string): Promise<User | undefined>;
  /** An account that may use its tokens: like findById, but not a demo account while demo mode is off. */
  findActiveById(id: string): Promise<User | undefined>;
  /**
   * The auth guard's read, one query per request: the account, if it may use its tokens (as findActiveById) and
   * `sessionId` is its session and neither revoked nor past its lifetime at `now` (as SessionStore.active).
   */
  findActiveInSession(id: string, sessionId: string, now: number): Promise<User | undefined>;
  /**
   * The account as this process last read it (every account at start, then every read and write here; the
   * auth guard reads the account of every request). For synchronous callers that only show a name.
   */
  known(id: string): User | undefined;
  /** Read every account into `known` (start-up). */
  loadKnown(): Promise<void>;
  /** `undefined` when the id or username is taken (a concurrent seed on another instance, say). */
  create(input: {
    username: string;
    name: string;
    passwordHash: string;
    roles: Role[];
    id?: string;
    /** Seeded by KCC_DEMO: disabled whenever the server runs without demo mode. */
    demo?: boolean;
  }): Promise<User | undefined>;
  count(): Promise<number>;
  /**
   * The account of an employee who logged in through the identity provider: created on the first login, name and
   * roles brought up to date on every next one. Its id and username are the employee identifier. `conflict`: a
   * local account already has that id or username (never taken over).
   */
  upsertOidcUser(input: { employeeId: string; name: string; roles: Role[] }): Promise<User | 'conflict'>;
}

export interface UsersTables {
  users: {
    id: string;
    username: string;
    name: string;
    password_hash: string;
    /** JSON array of roles. */
    roles: string;
    created_at: number;
    demo: number;
    oidc: number;
  };
}
type Row = UsersTables['users'];

/**
 * Users on the async store. On SQLite the table was created by `auth/001`, `002` and `004` in the synchronous list
 * (which also change `auth_sessions`), so this migration has no SQLite text; on PostgreSQL it creates it, with
 * usernames unique regardless of case as SQLite's `COLLATE NOCASE` makes them.
 */
export const usersStoreMigrations: StoreMigration[] = [
  {
    id: 'auth/006_users_on_the_store',
    sqlite: null,
    postgres: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        demo INTEGER NOT NULL DEFAULT 0,
        oidc INTEGER NOT NULL DEFAULT 0
      );
      CREATE UNIQUE INDEX users_username ON users (lower(username));
    `,
  },
];

function toUser(row: Row): UserRecord {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    passwordHash: row.password_hash,
  };
}

const withoutHash = ({ passwordHash: _omit, ...user }: UserRecord): User => user;

/** `demoAccounts`: whether accounts seeded by demo mode may log in (KCC_DEMO). */
export function createUsersRepository(store: Store, options: { demoAccounts: boolean }): UsersRepository {
  const db: Kysely<UsersTables> = store.kysely<UsersTables>();
  const p = store.dialect === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
  // The session's own check is SessionStore.active's: not revoked, not past its lifetime.
  const sessionUserSql = `SELECT u.* FROM auth_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${p[0]} AND u.id = ${p[1]} AND s.revoked_at IS NULL AND s.expires_at > ${p[2]}`;
  const known = new Map<string, User>();
  const remember = (row: Row): UserRecord => {
    const user = toUser(row);
    known.set(user.id, withoutHash(user));
    return user;
  };
  const allowed = (row: Row) => options.demoAccounts || !row.demo;
  // SQLite compares with the column's NOCASE collation; PostgreSQL through the lower(username) index.
  const byUsername = (q: Kysely<UsersTables>, username: string) =>
    store.dialect === 'postgres'
      ? q
          .selectFrom('users')
          .selectAll()
          .where(sql<string>`lower(username)`, '=', username.toLowerCase())
          .executeTakeFirst()
      : q.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const byId = (q: Kysely<UsersTables>, id: string) =>
    q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    async findByUsername(username) {
      const row = await byUsername(db, username);
      if (!row) return undefined;
      const user = remember(row);
      // Accounts of the identity provider have no password here.
      return allowed(row) && !row.oidc ? user : undefined;
    },
    async findById(id) {
      const row = await byId(db, id);
      return row ? withoutHash(remember(row)) : undefined;
    },
    async findActiveById(id) {
      const row = await byId(db, id);
      return row && allowed(row) ? withoutHash(remember(row)) : undefined;
    },
    async findActiveInSession(id, sessionId, now) {
      // Every request: a fixed text, no query building (store/README.md, "Hot paths").
      const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(sessionUserSql, [sessionId, id, now]));
      const row = rows[0];
      return row && allowed(row) ? withoutHash(remember(row)) : undefined;
    },
    known: (id) => known.get(id),
    async loadKnown() {
      for (const row of await db.selectFrom('users').selectAll().execute()) remember(row);
    },
    async create({ username, name, passwordHash, roles, id = randomUUID(), demo = false }) {
      const row: Row = {
        id,
        username,
        name,
        password_hash: passwordHash,
        roles: JSON.stringify(roles),
        created_at: Date.now(),
        demo: demo ? 1 : 0,
        oidc: 0,
      };
      const inserted = await db
        .insertInto('users')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (Number(inserted[0]?.numInsertedOrUpdatedRows ?? 0) === 0) return undefined;
      return withoutHash(remember(row));
    },
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async upsertOidcUser({ employeeId, name, roles }) {
      const upsert = () =>
        db.transaction().execute(async (trx): Promise<Row | 'conflict'> => {
          const existing = (await byId(trx, employeeId)) ?? (await byUsername(trx, employeeId));
          if (existing && (!existing.oidc || existing.id !== employeeId)) return 'conflict';
          if (existing) {
            await trx
              .updateTable('users')
              .set({ name, roles: JSON.stringify(roles) })
              .where('id', '=', employeeId)
              .where('oidc', '=', 1)
              .execute();
            return { ...existing, name, roles: JSON.stringify(roles) };
          }
          const row: Row = {
            id: employeeId,
            username: employeeId,
            name,
            password_hash: '!',
            roles: JSON.stringify(roles),
            created_at: Date.now(),
            demo: 0,
            oidc: 1,
          };
          await trx.insertInto('users').values(row).execute();
          return row;
        });
      // A first login on two instances at once: the second insert fails, and its retry updates the new account.
      const result = await upsert().catch((err: unknown) => {
        if (isUniqueViolation(err)) return upsert();
        throw err;
      });
      return result === 'conflict' ? result : withoutHash(remember(result));
    },
  };
}
