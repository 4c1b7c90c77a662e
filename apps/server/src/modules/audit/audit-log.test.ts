import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../store/db';
import { migrate } from '../../store/migrate';
import { tempDataDir } from '../../../test-support/test-server';
import { verwerkingenLogFor } from './verwerkingen';
import { createAuditLog, type AuditLog, type VerwerkingsactieInput } from './audit-log';
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

describe('audit log: hash chain, append-only, tamper evidence', () => {
  let dir: string;
  let db: Db;
  let log: AuditLog;
  let clock: number;

  const open = () => {
    db = openDatabase(dir);
    migrate(db, auditMigrations);
    log = createAuditLog(db, {
      protection: createBsnProtection(KEY),
      baseUrl: 'http://kcc.test/',
      bsnOfPartij: (uuid) => [JAN, PIET].find((p) => p.uuid === uuid)?.bsn,
      partijenMetBsn: (bsn) => [JAN, PIET].filter((p) => p.bsn === bsn).map((p) => p.uuid),
      gebruiker: (id) => (id === 'user-bram' ? { naam: 'Bram Jansen', rol: 'medewerker' } : undefined),
      now: () => clock,
    });
  };
  /** A second connection on the same file, as someone with file access would use it. */
  const tamper = (sql: string) => {
    const raw = new Database(path.join(dir, 'kcc.sqlite'));
    raw.pragma('foreign_keys = OFF');
    raw.exec(`DROP TRIGGER IF EXISTS audit_acties_no_update; DROP TRIGGER IF EXISTS audit_acties_no_delete;
      DROP TRIGGER IF EXISTS audit_objecten_no_update; DROP TRIGGER IF EXISTS audit_objecten_no_delete;`);
    raw.exec(sql);
    raw.close();
  };
  const fill = (n: number) => {
    for (let i = 0; i < n; i++) {
      clock = T0 + i * 60_000;
      log.record(
        entry({
          tijdstip: clock,
          objecten: [{ partijUuid: i % 2 ? PIET.uuid : JAN.uuid, soortenGegevens: ['identificatie'] }],
        }),
      );
    }
  };

  beforeEach(() => {
    dir = tempDataDir();
    clock = T0;
    open();
  });
  afterEach(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('chains every entry to the previous one and verifies clean', () => {
    fill(5);
    const status = log.verify();
    expect(status).toMatchObject({ ok: true, count: 5 });
    const rows = db
      .prepare('SELECT seq, prev_hash, hash FROM audit_verwerkingsacties ORDER BY seq')
      .all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(status.headHash).toBe(rows[4]?.hash);
  });

  it('refuses UPDATE and DELETE through the triggers', () => {
    fill(2);
    expect(() => db.prepare("UPDATE audit_verwerkingsacties SET doel = 'x' WHERE seq = 1").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_verwerkingsacties WHERE seq = 1').run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare("UPDATE audit_verwerkte_objecten SET betrokkenheid = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_verwerkte_objecten').run()).toThrow(/append-only/);
    expect(log.verify().ok).toBe(true);
  });

  it('detects a changed row in the file (triggers dropped)', () => {
    fill(4);
    db.close();
    tamper("UPDATE audit_verwerkingsacties SET gebruiker_id = 'user-bram' WHERE seq = 3");
    open();
    expect(log.verify()).toMatchObject({
      ok: false,
      count: 2,
      broken: { seq: 3, reason: 'content-changed' },
    });
  });

  it('detects a changed verwerkt object and a removed one', () => {
    fill(3);
    db.close();
    tamper(`UPDATE audit_verwerkte_objecten SET soorten_gegevens = '["niets"]' WHERE actie_seq = 2`);
    open();
    expect(log.verify().broken).toMatchObject({ seq: 2, reason: 'content-changed' });

    db.close();
    dir = tempDataDir();
    open();
    fill(3);
    db.close();
    tamper('DELETE FROM audit_verwerkte_objecten WHERE actie_seq = 1');
    open();
    expect(log.verify().broken).toMatchObject({ seq: 1, reason: 'content-changed' });
  });

  it('detects a removed row in the middle', () => {
    fill(5);
    db.close();
    tamper(
      'DELETE FROM audit_verwerkte_objecten WHERE actie_seq = 2; DELETE FROM audit_verwerkingsacties WHERE seq = 2',
    );
    open();
    expect(log.verify()).toMatchObject({ ok: false, count: 1, broken: { seq: 2, reason: 'row-missing' } });
  });

  it('detects reordered rows', () => {
    fill(4);
    db.close();
    tamper(`UPDATE audit_verwerkingsacties SET seq = -2 WHERE seq = 2;
      UPDATE audit_verwerkingsacties SET seq = 2 WHERE seq = 3;
      UPDATE audit_verwerkingsacties SET seq = 3 WHERE seq = -2;
      UPDATE audit_verwerkte_objecten SET actie_seq = -2 WHERE actie_seq = 2;
      UPDATE audit_verwerkte_objecten SET actie_seq = 2 WHERE actie_seq = 3;
      UPDATE audit_verwerkte_objecten SET actie_seq = 3 WHERE actie_seq = -2;`);
    open();
    expect(log.verify()).toMatchObject({ ok: false, broken: { seq: 2, reason: 'chain-broken' } });
  });

  it('detects removed rows at the end, also after new entries were added', () => {
    fill(4);
    db.close();
    tamper(
      'DELETE FROM audit_verwerkte_objecten WHERE actie_seq = 4; DELETE FROM audit_verwerkingsacties WHERE seq = 4',
    );
    open();
    expect(log.verify()).toMatchObject({ ok: false, count: 3, broken: { seq: 4, reason: 'tail-truncated' } });
    log.record(entry());
    expect(log.verify()).toMatchObject({ ok: false, broken: { seq: 4, reason: 'row-missing' } });
  });

  it('never stores a BSN in the clear, yet finds entries per BSN', () => {
    log.record(
      entry({ objecten: [{ bsn: PIET.bsn, soortenGegevens: ['identiteit'] }], gegevensbron: 'brp' }),
    );
    log.record(entry());
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(path.join(dir, 'kcc.sqlite'));
    expect(bytes.includes(Buffer.from(PIET.bsn))).toBe(false);
    expect(bytes.includes(Buffer.from(JAN.bsn))).toBe(false);

    const piet = log.list({ subject: { bsn: PIET.bsn } }, { offset: 0, limit: 10 });
    expect(piet.count).toBe(1);
    expect(piet.items[0]?.verwerkteObjecten[0]).toMatchObject({
      soortObjectId: 'BSN',
      objectId: PIET.bsn,
      bsn: PIET.bsn,
    });
    // Jan's entry was logged with only his partij: the BSN came from the partij lookup.
    const jan = log.list({ subject: { bsn: JAN.bsn } }, { offset: 0, limit: 10 });
    expect(jan.items[0]?.verwerkteObjecten[0]).toMatchObject({ partijUuid: JAN.uuid, bsn: JAN.bsn });
  });

  it('lists newest first, paginates, filters on period and returns only the subject’s objects', () => {
    fill(6); // Jan at minutes 0, 2, 4; Piet at 1, 3, 5
    clock = T0 + 10 * 60_000;
    log.record(
      entry({
        tijdstip: clock,
        handeling: 'zoeken',
        objecten: [
          { partijUuid: JAN.uuid, soortenGegevens: ['identificatie'] },
          { partijUuid: PIET.uuid, soortenGegevens: ['identificatie'] },
        ],
      }),
    );
    const all = log.list({ subject: { partijUuid: JAN.uuid } }, { offset: 0, limit: 2 });
    expect(all.count).toBe(4);
    expect(all.items.map((a) => a.tijdstip)).toEqual([
      new Date(T0 + 10 * 60_000).toISOString(),
      new Date(T0 + 4 * 60_000).toISOString(),
    ]);
    expect(all.items[0]?.verwerkteObjecten.map((o) => o.partijUuid)).toEqual([JAN.uuid]);
    const page2 = log.list({ subject: { partijUuid: JAN.uuid } }, { offset: 2, limit: 2 });
    expect(page2.items.map((a) => a.tijdstip)).toEqual([
      new Date(T0 + 2 * 60_000).toISOString(),
      new Date(T0).toISOString(),
    ]);
    const window = log.list(
      { subject: { bsn: JAN.bsn }, vanMs: T0 + 60_000, totMs: T0 + 4 * 60_000 },
      { offset: 0, limit: 10 },
    );
    expect(window.items.map((a) => a.tijdstip)).toEqual([new Date(T0 + 2 * 60_000).toISOString()]);
  });

  it('fills in the VNG fields: activity from the purpose, user name and role, verwerkingId per contact', () => {
    const a = log.record(entry({ gebruiker: { id: 'user-bram' }, contactId: 'c-9', doel: 'contact:c-9' }));
    const b = log.record(entry({ gebruiker: { id: 'user-bram' }, contactId: 'c-9', doel: 'contact:c-9' }));
    const c = log.record(entry({ doel: 'terugbelverzoek_afhandelen', contactId: undefined }));
    const first = log.get(a.actieId)!;
    expect(first).toMatchObject({
      url: `http://kcc.test/api/audit/verwerkingsacties/${a.actieId}`,
      handelingNaam: 'inzien',
      verwerkingsactiviteitCode: 'kcc-klantcontact-afhandelen',
      vertrouwelijkheid: 'normaal',
      systeem: 'kcc-werkplek',
      gebruiker: { id: 'user-bram', naam: 'Bram Jansen', rol: 'medewerker' },
      doelOmschrijving: 'Afhandelen van een lopend klantcontact',
    });
    expect(log.get(b.actieId)?.verwerkingId).toBe(first.verwerkingId);
    expect(log.get(c.actieId)).toMatchObject({
      verwerkingsactiviteitCode: 'kcc-terugbelverzoek',
      doelOmschrijving: 'Terugbelverzoek afhandelen',
    });
    expect(() => log.record(entry({ objecten: [] }))).toThrow();
    expect(() =>
      log.record(entry({ contactId: undefined, objecten: [{ soortenGegevens: ['x'] }] })),
    ).toThrow();
    expect(log.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('migration 004 keeps every row, its hash and the append-only triggers', () => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    dir = tempDataDir();
    db = openDatabase(dir);
    migrate(
      db,
      auditMigrations.filter((m) => m.id !== 'audit/004_niet_geidentificeerd'),
    );
    log = createAuditLog(db, {
      protection: createBsnProtection(KEY),
      baseUrl: 'http://kcc.test',
      now: () => clock,
    });
    fill(4);
    log.record(entry({ objecten: [{ bsn: JAN.bsn, soortenGegevens: ['identificatie'] }] }));
    migrate(db, auditMigrations);
    log = createAuditLog(db, {
      protection: createBsnProtection(KEY),
      baseUrl: 'http://kcc.test',
      now: () => clock,
    });
    expect(log.verify()).toMatchObject({ ok: true, count: 5 });
    expect(log.list({ subject: { bsn: JAN.bsn } }, { offset: 0, limit: 9 }).count).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM verwerkingen').get()).toEqual({ n: 5 });
    expect(() => db.prepare('DELETE FROM audit_verwerkte_objecten').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_verwerkte_objecten SET betrokkenheid = 'x'").run()).toThrow(
      /append-only/,
    );
  });

  it('names the klantcontact for a resident who was not identified (an anonymous chat)', () => {
    const { actieId } = log.record(
      entry({
        contactId: 'c-anon',
        doel: 'contact:c-anon',
        objecten: [{ soortenGegevens: ['websitepagina'] }],
      }),
    );
    expect(log.get(actieId)?.verwerkteObjecten).toEqual([
      expect.objectContaining({
        objecttype: 'persoon',
        soortObjectId: 'klantcontact',
        objectId: 'c-anon',
        betrokkenheid: 'Inwoner van het klantcontact, niet geïdentificeerd',
      }),
    ]);
    // The database refuses an object without a subject that is not marked as such.
    expect(() =>
      db
        .prepare(
          `INSERT INTO audit_verwerkte_objecten (actie_seq, ordinal, verwerkt_object_id, betrokkenheid, soorten_gegevens)
           VALUES ((SELECT MAX(seq) FROM audit_verwerkingsacties), 9, 'x', 'Klant', '[]')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(log.verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('keeps the VerwerkingenLog port working (log, forPartij, the old verwerkingen view)', () => {
    const port = verwerkingenLogFor(log);
    port.log({
      at: T0,
      userId: 'user-anna',
      handeling: 'koppelen',
      partijUuid: JAN.uuid,
      categorieen: ['identificatie'],
      doel: 'contact:c-2',
      contactId: 'c-2',
    });
    expect(port.forPartij(JAN.uuid)).toEqual([
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
      db
        .prepare('SELECT user_id, handeling, partij_uuid, doel FROM verwerkingen WHERE contact_id = ?')
        .all('c-2'),
    ).toEqual([{ user_id: 'user-anna', handeling: 'koppelen', partij_uuid: JAN.uuid, doel: 'contact:c-2' }]);
  });
});

describe('migrating the legacy verwerkingen table', () => {
  it('copies old rows into the chain once, keeps them read-only, and the view shows them', () => {
    const dir = tempDataDir();
    const db = openDatabase(dir);
    try {
      migrate(db, auditMigrations.slice(0, 1));
      const insert = db.prepare(
        'INSERT INTO verwerkingen (at, user_id, handeling, partij_uuid, categorieen, doel, contact_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      insert.run(T0, 'user-anna', 'inzien', JAN.uuid, '["identificatie"]', 'contact:c-1', 'c-1');
      insert.run(T0 + 1000, 'user-bram', 'zoeken', PIET.uuid, '["identificatie"]', 'zoeken-partij', null);
      migrate(db, auditMigrations);
      const log = createAuditLog(db, {
        protection: createBsnProtection(KEY),
        baseUrl: 'http://kcc.test',
        bsnOfPartij: (uuid) => (uuid === JAN.uuid ? JAN.bsn : undefined),
      });
      expect(log.importLegacy()).toBe(2);
      expect(log.importLegacy()).toBe(0);
      expect(log.verify()).toMatchObject({ ok: true, count: 2 });
      expect(log.list({ subject: { bsn: JAN.bsn } }, { offset: 0, limit: 5 }).items[0]).toMatchObject({
        tijdstip: new Date(T0).toISOString(),
        gebruiker: { id: 'user-anna' },
        contactId: 'c-1',
      });
      expect(db.prepare('SELECT user_id, handeling, doel FROM verwerkingen ORDER BY seq').all()).toEqual([
        { user_id: 'user-anna', handeling: 'inzien', doel: 'contact:c-1' },
        { user_id: 'user-bram', handeling: 'zoeken', doel: 'zoeken-partij' },
      ]);
      expect(() => db.prepare('DELETE FROM verwerkingen_legacy').run()).toThrow(/append-only/);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
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
