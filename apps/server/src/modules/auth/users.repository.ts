import { randomUUID } from 'node:crypto';
import type { Role, User } from '@kcc/contracts/domain';
import type { Db } from '../../store/db';

export interface UserRecord extends User {
  passwordHash: string;
}

/** Port for user accounts; SQLite below, another store later. */
export interface UsersRepository {
  /** An account that may log in (a demo account only while demo mode is on). */
  findByUsername(username: string): UserRecord | undefined;
  /** Any account, also a disabled one (names in logs and history). */
  findById(id: string): User | undefined;
  /** An account that may use its tokens: like findById, but not a demo account while demo mode is off. */
  findActiveById(id: string): User | undefined;
  create(input: {
    username: string;
    name: string;
    passwordHash: string;
    roles: Role[];
    id?: string;
    /** Seeded by KCC_DEMO: disabled whenever the server runs without demo mode. */
    demo?: boolean;
  }): User;
  count(): number;
  /**
   * The account of an employee who logged in through the identity provider: created on the first login, name and
   * roles brought up to date on every next one. Its id and username are the employee identifier. `conflict`: a
   * local account already has that id or username (never taken over).
   */
  upsertOidcUser(input: { employeeId: string; name: string; roles: Role[] }): User | 'conflict';
}

interface Row {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  roles: string;
  demo: number;
  oidc: number;
}

function toUser(row: Row): UserRecord {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    passwordHash: row.password_hash,
  };
}

/** `demoAccounts`: whether accounts seeded by demo mode may log in (KCC_DEMO). */
export function createSqliteUsersRepository(db: Db, options: { demoAccounts: boolean }): UsersRepository {
  const byUsername = db.prepare<[string], Row>('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare<[string], Row>('SELECT * FROM users WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO users (id, username, name, password_hash, roles, created_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
  const insertOidc = db.prepare(
    "INSERT INTO users (id, username, name, password_hash, roles, created_at, demo, oidc) VALUES (?, ?, ?, '!', ?, ?, 0, 1)",
  );
  const updateOidc = db.prepare('UPDATE users SET name = ?, roles = ? WHERE id = ? AND oidc = 1');
  const cache = new Map<string, { user: User; demo: boolean }>();
  const allowed = (row: { demo: number | boolean }) => options.demoAccounts || !row.demo;
  const lookup = (id: string) => {
    const cached = cache.get(id);
    if (cached) return cached;
    const row = byId.get(id);
    if (!row) return undefined;
    const { passwordHash: _omit, ...user } = toUser(row);
    const entry = { user, demo: row.demo === 1 };
    cache.set(id, entry);
    return entry;
  };
  return {
    findByUsername(username) {
      const row = byUsername.get(username);
      // Accounts of the identity provider have no password here.
      return row && allowed(row) && !row.oidc ? toUser(row) : undefined;
    },
    findById: (id) => lookup(id)?.user,
    findActiveById(id) {
      const entry = lookup(id);
      return entry && allowed(entry) ? entry.user : undefined;
    },
    create({ username, name, passwordHash, roles, id = randomUUID(), demo = false }) {
      insert.run(id, username, name, passwordHash, JSON.stringify(roles), Date.now(), demo ? 1 : 0);
      return { id, username, name, roles };
    },
    count() {
      return countStmt.get()?.n ?? 0;
    },
    upsertOidcUser({ employeeId, name, roles }) {
      return db.transaction((): User | 'conflict' => {
        const existing = byId.get(employeeId) ?? byUsername.get(employeeId);
        if (existing && (!existing.oidc || existing.id !== employeeId)) return 'conflict';
        if (existing) updateOidc.run(name, JSON.stringify(roles), employeeId);
        else insertOidc.run(employeeId, employeeId, name, JSON.stringify(roles), Date.now());
        cache.delete(employeeId);
        return { id: employeeId, username: employeeId, name, roles };
      })();
    },
  };
}
