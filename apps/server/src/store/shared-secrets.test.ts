import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachStore, storesUnderTest } from '../../test-support/each-store';
import { storeRows } from '../../test-support/store-rows';
import { bearer, startTestServer, tempDataDir } from '../../test-support/test-server';
import { loadOrCreateAuditKey } from '../modules/audit/bsn-protection';
import { TokenService } from '../modules/auth/tokens';
import { sharedSecret, sharedSecretsMigrations } from './shared-secrets';
import { openStore } from './store';
import { migrateStore } from './migrate-store';
import { loadOrCreateTokenSecret } from './token-secret';

describeEachStore('shared secrets', (stores) => {
  it('creates a secret once and returns the stored one from then on', async () => {
    const { store } = await stores.openStore(sharedSecretsMigrations);
    expect(await sharedSecret(store, 'token-secret', () => 'eerste')).toEqual({
      value: 'eerste',
      created: true,
    });
    let asked = 0;
    const again = await sharedSecret(store, 'token-secret', () => {
      asked++;
      return 'tweede';
    });
    expect(again).toEqual({ value: 'eerste', created: false });
    expect(asked).toBe(0);
    expect((await sharedSecret(store, 'audit-key', () => 'sleutel')).value).toBe('sleutel');
  });

  it('keeps the stored secret over a different one in a second instance’s data dir, and says so', async () => {
    const { store } = await stores.openStore(sharedSecretsMigrations);
    const first = tempDataDir();
    const second = tempDataDir();
    fs.writeFileSync(path.join(first, 'token-secret'), 'a'.repeat(40));
    fs.writeFileSync(path.join(second, 'token-secret'), 'b'.repeat(40));
    fs.writeFileSync(path.join(second, 'audit-key'), 'kort');
    const warnings: string[] = [];
    expect(await loadOrCreateTokenSecret(store, first, (m) => warnings.push(m))).toBe('a'.repeat(40));
    expect(warnings).toEqual([]);
    expect(await loadOrCreateTokenSecret(store, second, (m) => warnings.push(m))).toBe('a'.repeat(40));
    expect(warnings).toEqual([expect.stringContaining('verschilt van het gedeelde geheim')]);
    // A damaged file is refused, not silently replaced.
    await expect(loadOrCreateAuditKey(store, second)).rejects.toThrow(/geen geldige auditsleutel/);
    for (const dir of [first, second]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a data dir’s token secret and audit key on the first start, so old tokens and pseudonyms stay valid', async () => {
    const database = await stores.freshDatabase();
    const dataDir = tempDataDir();
    const oldSecret = randomBytes(48).toString('base64url');
    const oldKey = randomBytes(32);
    fs.writeFileSync(path.join(dataDir, 'token-secret'), oldSecret);
    fs.writeFileSync(path.join(dataDir, 'audit-key'), oldKey.toString('base64url'));
    const server = await startTestServer(database.env, {}, dataDir);
    try {
      const token = await server.login('anna');
      // Signed with the old secret: a token the instance issued before the move verifies the same way.
      expect((await new TokenService(oldSecret).verify(token))?.sub).toBe('user-anna');
      const old = await new TokenService(oldSecret).issue('user-anna', ['medewerker'], 'geen-sessie');
      expect((await server.app.inject({ url: '/api/me', headers: bearer(old.token) })).statusCode).toBe(401);
      expect(await loadOrCreateTokenSecret(server.store, tempDataDir())).toBe(oldSecret);
      expect((await loadOrCreateAuditKey(server.store, tempDataDir())).equals(oldKey)).toBe(true);
    } finally {
      await server.stop();
      await database.drop();
    }
  });

  it('uses KCC_TOKEN_SECRET and KCC_AUDIT_KEY when set and stores neither', async () => {
    const database = await stores.freshDatabase();
    const secret = randomBytes(48).toString('base64url');
    const server = await startTestServer({
      ...database.env,
      KCC_TOKEN_SECRET: secret,
      KCC_AUDIT_KEY: randomBytes(32).toString('base64url'),
    });
    try {
      expect((await new TokenService(secret).verify(await server.login('anna')))?.sub).toBe('user-anna');
      expect(await storeRows(server.store, sql`SELECT name FROM shared_secrets`)).toEqual([]);
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});

const postgres = storesUnderTest.find((s) => s.dialect === 'postgres');
if (postgres)
  describe('shared secrets on PostgreSQL with several instances', () => {
    it('gives instances that create a secret at the same moment one and the same secret', async () => {
      const database = await postgres.freshDatabase();
      const url = database.env.KCC_DATABASE_URL!;
      const instances = Array.from({ length: 4 }, () => openStore({ postgresUrl: url }));
      try {
        await migrateStore(instances[0]!, sharedSecretsMigrations);
        // Every instance has found no secret before any of them stores its own.
        let found = 0;
        let allFound!: () => void;
        const barrier = new Promise<void>((resolve) => (allFound = resolve));
        const results = await Promise.all(
          instances.map((store, i) =>
            sharedSecret(store, 'audit-key', async () => {
              if (++found === instances.length) allFound();
              await barrier;
              return `sleutel-${i}`;
            }),
          ),
        );
        expect(found).toBe(instances.length);
        expect(new Set(results.map((r) => r.value)).size).toBe(1);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const rows = await storeRows(instances[0]!, sql`SELECT name FROM shared_secrets`);
        expect(rows).toEqual([{ name: 'audit-key' }]);
      } finally {
        for (const s of instances) await s.close();
        await database.drop();
      }
    });

    it('accepts on one server a token another server issued, and both use one audit key', async () => {
      const database = await postgres.freshDatabase();
      const a = await startTestServer(database.env);
      const b = await startTestServer(database.env);
      try {
        const token = await a.login('tess');
        const me = await fetch(`${b.url}/api/me`, { headers: bearer(token) });
        expect(me.status).toBe(200);
        expect(await me.json()).toMatchObject({ user: { id: 'user-tess' } });
        // Logout on b ends the session for a too.
        expect(
          (await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: bearer(token) })).status,
        ).toBe(204);
        expect((await fetch(`${a.url}/api/me`, { headers: bearer(token) })).status).toBe(401);
        const keyA = await loadOrCreateAuditKey(a.store, a.dataDir);
        const keyB = await loadOrCreateAuditKey(b.store, b.dataDir);
        expect(keyA.equals(keyB)).toBe(true);
      } finally {
        await a.stop();
        await b.stop();
        await database.drop();
      }
    });
  });
