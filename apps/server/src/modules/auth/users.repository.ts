import { randomUUID } from 'node:crypto';
import type { Role, User } from '@kcc/contracts/domain';
import type { Db } from '../../store/db';

export interface UserRecord extends User {
  passwordHash: string;
}

/** Port for user accounts; SQLite below, another store later. */
export interface UsersRepository {
  findByUsername(username: string): UserRecord | undefined;
  findById(id: string): User | undefined;
  create(input: { username: string; name: string; passwordHash: string; roles: Role[]; id?: string }): User;
  count(): number;
}

interface Row {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  roles: string;
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

export function createSqliteUsersRepository(db: Db): UsersRepository {
  const byUsername = db.prepare<[string], Row>('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare<[string], Row>('SELECT * FROM users WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO users (id, username, name, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
  const cache = new Map<string, User>();
  return {
    findByUsername(username) {
      const row = byUsername.get(username);
      return row ? toUser(row) : undefined;
    },
    findById(id) {
      const cached = cache.get(id);
      if (cached) return cached;
      const row = byId.get(id);
      if (!row) return undefined;
      const { passwordHash: _omit, ...user } = toUser(row);
      cache.set(id, user);
      return user;
    },
    create({ username, name, passwordHash, roles, id = randomUUID() }) {
      insert.run(id, username, name, passwordHash, JSON.stringify(roles), Date.now());
      return { id, username, name, roles };
    },
    count() {
      return countStmt.get()?.n ?? 0;
    },
  };
}
