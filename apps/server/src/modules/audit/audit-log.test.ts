import fs from 'node:fs';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore, type OpenTestStore } from '../../../test-support/each-store';
import { migrateStore } from '../../store/migrate-store';
import { openStore, sqliteConnectionOf, type Store } from '../../store/store';
import { verwerkingenLogFor } from './verwerkingen';
import { createAuditLog, type AuditLog, type AuditLogDeps, type VerwerkingsactieInput } from './audit-log';
import { auditMigrations } from './audit.migrations';
import { createBsnProtection } from './bsn-protection';
import { canonicalJson } from './canonical-json';

const KEY = Buffer.alloc(32, 7);
const JAN = { uuid: '0b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11', bsn: '999993653' };
const PIET = { uuid: '5d0f5d43-73a4-4d43-9d7e-1f8e9c0b2a77', bsn: '999990627' };
const T0 = Date.parse('2024-05-01T08:00:00Z');

function entry(over: Partial<VerwerkingsactieInput> = {}): VerwerkingsactieInput {
  return {
    tijdstip: T0,
    handeling: 'inzien',
    doel: 'contact:c-1',
    contactId: 'c-1',
    gegevensbron: 'klantinteracties',
    gebruiker: { id: 'user-anna', naam: 'Anna de Vries', rol: 'medewerker' },
    objecten: [{ partijUuid: JAN.uuid, soortenGegevens: ['identificatie', 'contactgegevens'] }],
    ...over,
  };
}

/** Raw SQL on the store (a read of the tables, a write the triggers must refuse). */
const run = <R = Record<string, unknown>>(store: Store, text: string) =>
  sql
    .raw<R>(text)
    .execute(store.kysely())
    .then((r) => r.rows);

/**
 * Someone with write access to the database, past the triggers (and on PostgreSQL past the foreign key, as
 * SQLite's tamperer has foreign keys off): a second connection on the SQLite file, or the table owner on PostgreSQL.
 */
async function tamper(store: Store, text: string): Promise<void> {
  const conn = sqliteConnectionOf(store);
  if (conn) {
    const raw = new Database(conn.name);
    raw.pragma('foreign_keys = OFF');
    raw.exec(`DROP TRIGGER IF EXISTS audit_acties_no_update; DROP TRIGGER IF EXISTS audit_acties_no_delete;
      DROP TRIGGER IF EXISTS audit_objecten_no_update; DROP TRIGGER IF EXISTS audit_objecten_no_delete;`);
    raw.exec(text);
    raw.close();
    return;
  }
  await run(
    store,
    `ALTER TABLE audit_verwerkingsacties DISABLE TRIGGER USER;
     ALTER TABLE audit_verwerkte_objecten DISABLE TRIGGER USER;
     ALTER TABLE audit_verwerkte_objecten DROP CONSTRAINT IF EXISTS audit_verwerkte_objecten_actie_seq_fkey;
     ${text}`,
  );
}

describeEachStore('audit log: hash chain, append-only, tamper evidence', (stores) => {
  let opened: OpenTestStore;
  let store: Store;
  let log: AuditLog;
  let clock: number;

  const deps = (): AuditLogDeps => ({
    protection: createBsnProtection(KEY),
    baseUrl: 'http://kcc.test/',
    bsnOfPartij: async (uuid) => [JAN, PIET].find((p) => p.uuid === uuid)?.bsn,
    partijenMetBsn: async (bsn) => [JAN, PIET].filter((p) => p.bsn === bsn).map((p) => p.uuid),
    gebruiker: (id) => (id === 'user-bram' ? { naam: 'Bram Jansen', rol: 'medewerker' } : undefined),
    now: () => clock,
  });
  const open = async (migrations = auditMigrations) => {
    opened = await stores.openStore(migrations);
    store = opened.store;
    log = createAuditLog(store, deps());
  };
  const fill = async (n: number) => {
    for (let i = 0; i < n; i++) {
      clock = T0 + i * 60_000;
      await log.record(
        entry({
          tijdstip: clock,
          objecten: [{ partijUuid: i % 2 ? PIET.uuid : JAN.uuid, soortenGegevens: ['identificatie'] }],
        }),
      );
    }
  };

  beforeEach(async () => {
    clock = T0;
    await open();
  });
  afterEach(() => opened.close());

  it('chains every entry to the previous one and verifies clean', async () => {
    await fill(5);
    const status = await log.verify();
    expect(status).toMatchObject({ ok: true, count: 5 });
    const rows = await run<{ seq: number; prev_hash: string; hash: string }>(
      store,
      'SELECT seq, prev_hash, hash FROM audit_verwerkingsacties ORDER BY seq',
    );
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(status.headHash).toBe(rows[4]?.hash);
  });

  it('keeps one chain when many appends run at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        log.record(
          entry({
            objecten: [{ partijUuid: i % 2 ? PIET.uuid : JAN.uuid, soortenGegevens: ['identificatie'] }],
          }),
        ),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(await log.verify()).toMatchObject({ ok: true, count: 40 });
  });

  it('refuses UPDATE and DELETE through the triggers', async () => {
    await fill(2);
    await expect(run(store, "UPDATE audit_verwerkingsacties SET doel = 'x' WHERE seq = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(run(store, 'DELETE FROM audit_verwerkingsacties WHERE seq = 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(run(store, "UPDATE audit_verwerkte_objecten SET betrokkenheid = 'x'")).rejects.toThrow(
      /append-only/,
    );
    await expect(run(store, 'DELETE FROM audit_verwerkte_objecten')).rejects.toThrow(/append-only/);
    expect((await log.verify()).ok).toBe(true);
  });

  it('detects a changed row (triggers bypassed)', async () => {
    await fill(4);
    await tamper(store, "UPDATE audit_verwerkingsacties SET gebruiker_id = 'user-bram' WHERE seq = 3");
    expect(await log.verify()).toMatchObject({
      ok: false,
      count: 2,
      broken: { seq: 3, reason: 'content-changed' },
    });
  });

  it('detects a changed verwerkt object and a removed one', async () => {
    await fill(3);
    await tamper(
      store,
      `UPDATE audit_verwerkte_objecten SET soorten_gegevens = '["niets"]' WHERE actie_seq = 2`,
    );
    expect((await log.verify()).broken).toMatchObject({ seq: 2, reason: 'content-changed' });

    await opened.close();
    await open();
    await fill(3);
    await tamper(store, 'DELETE FROM audit_verwerkte_objecten WHERE actie_seq = 1');
    expect((await log.verify()).broken).toMatchObject({ seq: 1, reason: 'content-changed' });
  });

  it('detects a removed row in the middle', async () => {
    await fill(5);
    await tamper(
      store,
      'DELETE FROM audit_verwerkte_objecten WHERE actie_seq = 2; DELETE FROM audit_verwerkingsacties WHERE seq = 2',
    );
    expect(await log.verify()).toMatchObject({
      ok: false,
      count: 1,
      broken: { seq: 2, reason: 'row-missing' },
    });
  });

  it('detects reordered rows', async () => {
    await fill(4);
    await tamper(
      store,
      `UPDATE audit_verwerkingsacties SET seq = -2 WHERE seq = 2;
      UPDATE audit_verwerkingsacties SET seq = 2 WHERE seq = 3;
      UPDATE audit_verwerkingsacties SET seq = 3 WHERE seq = -2;
      UPDATE audit_verwerkte_objecten SET actie_seq = -2 WHERE actie_seq = 2;
      UPDATE audit_verwerkte_objecten SET actie_seq = 2 WHERE actie_seq = 3;
      UPDATE audit_verwerkte_objecten SET actie_seq = 3 WHERE actie_seq = -2;`,
    );
    expect(await log.verify()).toMatchObject({ ok: false, broken: { seq: 2, reason: 'chain-broken' } });
  });

  it('detects removed rows at the end, also after new entries were added', async () => {
    await fill(4);
    await tamper(
      store,
      'DELETE FROM audit_verwerkte_objecten WHERE actie_seq = 4; DELETE FROM audit_verwerkingsacties WHERE seq = 4',
    );
    expect(await log.verify()).toMatchObject({
      ok: false,
      count: 3,
      broken: { seq: 4, reason: 'tail-truncated' },
    });
    await log.record(entry());
    expect(await log.verify()).toMatchObject({ ok: false, broken: { seq: 4, reason: 'row-missing' } });
  });

  it('never stores a BSN in the clear, yet finds entries per BSN', async () => {
    await log.record(
      entry({ objecten: [{ bsn: PIET.bsn, soortenGegevens: ['identiteit'] }], gegevensbron: 'brp' }),
    );
    await log.record(entry());
    const stored = JSON.stringify([
      await run(store, 'SELECT * FROM audit_verwerkingsacties'),
      await run(store, 'SELECT * FROM audit_verwerkte_objecten'),
    ]);
    expect(stored).toContain(JAN.uuid);
    expect(stored).not.toContain(PIET.bsn);
    expect(stored).not.toContain(JAN.bsn);
    const conn = sqliteConnectionOf(store);
    if (conn) {
      conn.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = fs.readFileSync(conn.name);
      expect(bytes.includes(Buffer.from(PIET.bsn))).toBe(false);
      expect(bytes.includes(Buffer.from(JAN.bsn))).toBe(false);
    }

    const piet = await log.list({ subject: { bsn: PIET.bsn } }, { offset: 0, limit: 10 });
    expect(piet.count).toBe(1);
    expect(piet.items[0]?.verwerkteObjecten[0]).toMatchObject({
      soortObjectId: 'BSN',
      objectId: PIET.bsn,
      bsn: PIET.bsn,
    });
    // Jan's entry was logged with only his partij: the BSN came from the partij lookup.
    const jan = await log.list({ subject: { bsn: JAN.bsn } }, { offset: 0, limit: 10 });
    expect(jan.items[0]?.verwerkteObjecten[0]).toMatchObject({ partijUuid: JAN.uuid, bsn: JAN.bsn });
  });

  it('lists newest first, paginates, filters on period and returns only the subject’s objects', async () => {
    await fill(6); // Jan at minutes 0, 2, 4; Piet at 1, 3, 5
    clock = T0 + 10 * 60_000;
    await log.record(
      entry({
        tijdstip: clock,
        handeling: 'zoeken',
        objecten: [
          { partijUuid: JAN.uuid, soortenGegevens: ['identificatie'] },
          { partijUuid: PIET.uuid, soortenGegevens: ['identificatie'] },
        ],
      }),
    );
    const all = await log.list({ subject: { partijUuid: JAN.uuid } }, { offset: 0, limit: 2 });
    expect(all.count).toBe(4);
    expect(all.items.map((a) => a.tijdstip)).toEqual([
      new Date(T0 + 10 * 60_000).toISOString(),
      new Date(T0 + 4 * 60_000).toISOString(),
    ]);
    expect(all.items[0]?.verwerkteObjecten.map((o) => o.partijUuid)).toEqual([JAN.uuid]);
    const page2 = await log.list({ subject: { partijUuid: JAN.uuid } }, { offset: 2, limit: 2 });
    expect(page2.items.map((a) => a.tijdstip)).toEqual([
      new Date(T0 + 2 * 60_000).toISOString(),
      new Date(T0).toISOString(),
    ]);
    const window = await log.list(
      { subject: { bsn: JAN.bsn }, vanMs: T0 + 60_000, totMs: T0 + 4 * 60_000 },
      { offset: 0, limit: 10 },
    );
    expect(window.items.map((a) => a.tijdstip)).toEqual([new Date(T0 + 2 * 60_000).toISOString()]);
    expect((await log.all({ subject: { bsn: PIET.bsn } })).map((a) => a.tijdstip)).toEqual(
      [10, 5, 3, 1].map((m) => new Date(T0 + m * 60_000).toISOString()),
    );
    expect(await log.list({ subject: { bsn: '111222333' } }, { offset: 0, limit: 10 })).toEqual({
      count: 0,
      items: [],
    });
  });

  it('fills in the VNG fields: activity from the purpose, user name and role, verwerkingId per contact', async () => {
    const a = await log.record(
      entry({ gebruiker: { id: 'user-bram' }, contactId: 'c-9', doel: 'contact:c-9' }),
    );
    const b = await log.record(
      entry({ gebruiker: { id: 'user-bram' }, contactId: 'c-9', doel: 'contact:c-9' }),
    );
    const c = await log.record(entry({ doel: 'terugbelverzoek_afhandelen', contactId: undefined }));
    const first = (await log.get(a.actieId))!;
    expect(first).toMatchObject({
      url: `http://kcc.test/api/audit/verwerkingsacties/${a.actieId}`,
      handelingNaam: 'inzien',
      verwerkingsactiviteitCode: 'kcc-klantcontact-afhandelen',
      vertrouwelijkheid: 'normaal',
      systeem: 'kcc-werkplek',
      gebruiker: { id: 'user-bram', naam: 'Bram Jansen', rol: 'medewerker' },
      doelOmschrijving: 'Afhandelen van een lopend klantcontact',
    });
    expect((await log.get(b.actieId))?.verwerkingId).toBe(first.verwerkingId);
    expect(await log.get(c.actieId)).toMatchObject({
      verwerkingsactiviteitCode: 'kcc-terugbelverzoek',
      doelOmschrijving: 'Terugbelverzoek afhandelen',
    });
    await expect(log.record(entry({ objecten: [] }))).rejects.toThrow();
    await expect(
      log.record(entry({ contactId: undefined, objecten: [{ soortenGegevens: ['x'] }] })),
    ).rejects.toThrow();
    expect(await log.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('migration 004 keeps every row, its hash and the append-only triggers', async () => {
    await opened.close();
    await open(auditMigrations.filter((m) => m.id !== 'audit/004_niet_geidentificeerd'));
    // Without the partij lookup: only the entry logged with a BSN carries one.
    const withoutLookup = { ...deps(), bsnOfPartij: undefined, partijenMetBsn: undefined };
    log = createAuditLog(store, withoutLookup);
    await fill(4);
    await log.record(entry({ objecten: [{ bsn: JAN.bsn, soortenGegevens: ['identificatie'] }] }));
    expect(await migrateStore(store, auditMigrations)).toEqual(['audit/004_niet_geidentificeerd']);
    log = createAuditLog(store, withoutLookup);
    expect(await log.verify()).toMatchObject({ ok: true, count: 5 });
    expect((await log.list({ subject: { bsn: JAN.bsn } }, { offset: 0, limit: 9 })).count).toBe(1);
    expect(await run(store, 'SELECT COUNT(*) AS n FROM verwerkingen')).toEqual([{ n: 5 }]);
    await expect(run(store, 'DELETE FROM audit_verwerkte_objecten')).rejects.toThrow(/append-only/);
    await expect(run(store, "UPDATE audit_verwerkte_objecten SET betrokkenheid = 'x'")).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the klantcontact for a resident who was not identified (an anonymous chat)', async () => {
    const { actieId } = await log.record(
      entry({
        contactId: 'c-anon',
        doel: 'contact:c-anon',
        objecten: [{ soortenGegevens: ['websitepagina'] }],
      }),
    );
    expect((await log.get(actieId))?.verwerkteObjecten).toEqual([
      expect.objectContaining({
        objecttype: 'persoon',
        soortObjectId: 'klantcontact',
        objectId: 'c-anon',
        betrokkenheid: 'Inwoner van het klantcontact, niet geïdentificeerd',
      }),
    ]);
    // The database refuses an object without a subject that is not marked as such.
    await expect(
      run(
        store,
        `INSERT INTO audit_verwerkte_objecten (actie_seq, ordinal, verwerkt_object_id, betrokkenheid, soorten_gegevens)
         VALUES ((SELECT MAX(seq) FROM audit_verwerkingsacties), 9, 'x', 'Klant', '[]')`,
      ),
    ).rejects.toThrow(/check/i);
    expect(await log.verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('keeps the VerwerkingenLog port working (log, forPartij, the old verwerkingen view)', async () => {
    const port = verwerkingenLogFor(log);
    await port.log({
      at: T0,
      userId: 'user-anna',
      handeling: 'koppelen',
      partijUuid: JAN.uuid,
      categorieen: ['identificatie'],
      doel: 'contact:c-2',
      contactId: 'c-2',
    });
    expect(await port.forPartij(JAN.uuid)).toEqual([
      expect.objectContaining({
        at: T0,
        userId: 'user-anna',
        handeling: 'koppelen',
        partijUuid: JAN.uuid,
        bsn: JAN.bsn,
        categorieen: ['identificatie'],
        doel: 'contact:c-2',
        contactId: 'c-2',
      }),
    ]);
    expect(
      await run(
        store,
        "SELECT user_id, handeling, partij_uuid, doel FROM verwerkingen WHERE contact_id = 'c-2'",
      ),
    ).toEqual([{ user_id: 'user-anna', handeling: 'koppelen', partij_uuid: JAN.uuid, doel: 'contact:c-2' }]);
  });

  it('copies old rows of the legacy verwerkingen table into the chain once and keeps them read-only', async () => {
    await opened.close();
    await open(auditMigrations.slice(0, 1));
    await run(
      store,
      `INSERT INTO verwerkingen (at, user_id, handeling, partij_uuid, categorieen, doel, contact_id) VALUES
       (${T0}, 'user-anna', 'inzien', '${JAN.uuid}', '["identificatie"]', 'contact:c-1', 'c-1'),
       (${T0 + 1000}, 'user-bram', 'zoeken', '${PIET.uuid}', '["identificatie"]', 'zoeken-partij', NULL)`,
    );
    await migrateStore(store, auditMigrations);
    log = createAuditLog(store, {
      ...deps(),
      bsnOfPartij: async (uuid) => (uuid === JAN.uuid ? JAN.bsn : undefined),
      partijenMetBsn: undefined,
    });
    expect(await log.importLegacy()).toBe(2);
    expect(await log.importLegacy()).toBe(0);
    expect(await log.verify()).toMatchObject({ ok: true, count: 2 });
    expect((await log.list({ subject: { bsn: JAN.bsn } }, { offset: 0, limit: 5 })).items[0]).toMatchObject({
      tijdstip: new Date(T0).toISOString(),
      gebruiker: { id: 'user-anna' },
      contactId: 'c-1',
    });
    expect(await run(store, 'SELECT user_id, handeling, doel FROM verwerkingen ORDER BY seq')).toEqual([
      { user_id: 'user-anna', handeling: 'inzien', doel: 'contact:c-1' },
      { user_id: 'user-bram', handeling: 'zoeken', doel: 'zoeken-partij' },
    ]);
    await expect(run(store, 'DELETE FROM verwerkingen_legacy')).rejects.toThrow(/append-only/);
  });

  if (stores.dialect === 'postgres') {
    it('keeps one chain when two instances on one database append at the same time', async () => {
      const database = await stores.freshDatabase();
      const url = database.env.KCC_DATABASE_URL!;
      const instances = [openStore({ postgresUrl: url }), openStore({ postgresUrl: url })];
      try {
        // Both start together: the migrations run once, under their lock.
        await Promise.all(instances.map((s) => migrateStore(s, auditMigrations)));
        const logs = instances.map((s) => createAuditLog(s, deps()));
        const results = await Promise.all(
          Array.from({ length: 60 }, (_, i) =>
            logs[i % 2]!.record(
              entry({
                objecten: [{ partijUuid: i % 3 ? PIET.uuid : JAN.uuid, soortenGegevens: ['identificatie'] }],
              }),
            ),
          ),
        );
        expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 60 }, (_, i) => i + 1),
        );
        expect(await logs[0]!.verify()).toMatchObject({ ok: true, count: 60 });
        expect(await logs[1]!.verify()).toEqual({
          ...(await logs[0]!.verify()),
          checkedAt: expect.any(String),
        });
      } finally {
        for (const s of instances) await s.close();
        await database.drop();
      }
    });
  }
});

describe('canonical JSON and BSN protection', () => {
  it('gives the same bytes whatever the key order, and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: undefined })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('encrypts with a fresh IV, decrypts only unaltered values of the same key, and HMACs per key', () => {
    const p = createBsnProtection(KEY);
    const other = createBsnProtection(Buffer.alloc(32, 8));
    const a = p.encrypt(JAN.bsn);
    expect(a).not.toBe(p.encrypt(JAN.bsn));
    expect(p.decrypt(a)).toBe(JAN.bsn);
    expect(other.decrypt(a)).toBeUndefined();
    const parts = a.split('.');
    parts[2] = Buffer.from('999990627').toString('base64url');
    expect(p.decrypt(parts.join('.'))).toBeUndefined();
    expect(p.hmac(JAN.bsn)).toBe(p.hmac(JAN.bsn));
    expect(p.hmac(JAN.bsn)).not.toBe(other.hmac(JAN.bsn));
    expect(() => createBsnProtection(Buffer.alloc(16))).toThrow();
  });
});
