import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../store/db';
import { migrate } from '../../store/migrate';
import { tempDataDir } from '../../../test-support/test-server';
import { createAuditLog, type AuditLog } from './audit-log';
import { auditMigrations } from './audit.migrations';
import { createBsnProtection } from './bsn-protection';
import { createCheckpointSigner } from './checkpoints';
import { verifyChain } from './hash-chain';
import { addIsoDuration, isIsoDuration } from './iso-duration';
import { pruneVerwerkingenlog } from './prune';

const KEY = Buffer.alloc(32, 7);
const signer = createCheckpointSigner(KEY);
const T0 = Date.parse('2024-05-01T08:00:00Z');
const DAY = 86_400_000;

describe('pruning the verwerkingenlog after its bewaartermijn', () => {
  let dir: string;
  let db: Db;
  let log: AuditLog;
  let clock = T0;

  beforeEach(() => {
    dir = tempDataDir();
    db = openDatabase(dir);
    migrate(db, auditMigrations);
    log = createAuditLog(db, {
      protection: createBsnProtection(KEY),
      baseUrl: 'http://kcc.test/',
      now: () => clock,
      checkpoints: signer,
    });
  });
  afterEach(() => db.close());

  /** One action a day from T0, all with the register's P2Y. */
  const fill = (n: number) => {
    for (let i = 0; i < n; i++) {
      clock = T0 + i * DAY;
      log.record({
        tijdstip: clock,
        handeling: 'inzien',
        doel: 'contact:c-1',
        contactId: 'c-1',
        gegevensbron: 'klantinteracties',
        gebruiker: { id: 'user-anna', naam: 'Anna de Vries', rol: 'medewerker' },
        objecten: [
          { partijUuid: '0b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11', soortenGegevens: ['identificatie'] },
        ],
      });
    }
  };
  const count = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM audit_verwerkingsacties').get() as { n: number }).n;
  /** Two years after the third action: the first three have expired. */
  const afterThird = addIsoDuration(T0 + 2 * DAY, 'P2Y')!;

  it('reports in a dry run, then deletes the expired front and still verifies from a signed checkpoint', () => {
    fill(5);
    const dry = pruneVerwerkingenlog(db, signer, { now: afterThird, minimum: 'P2Y', dryRun: true });
    expect(dry).toEqual({ expired: 3, pruned: 0, oldestRemaining: T0, more: false });
    expect(count()).toBe(5);

    const step = pruneVerwerkingenlog(db, signer, { now: afterThird, minimum: 'P2Y', dryRun: false });
    expect(step).toEqual({ expired: 3, pruned: 3, oldestRemaining: T0 + 3 * DAY, more: false });
    expect(count()).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_verwerkte_objecten').get()).toEqual({ n: 2 });
    expect(log.verify()).toMatchObject({ ok: true, count: 2, prunedUpTo: 3 });

    // new actions chain on as before
    clock = afterThird;
    fill(1);
    expect(log.verify()).toMatchObject({ ok: true, count: 3, prunedUpTo: 3 });
  });

  it('keeps everything a configured longer term protects, and never deletes before the row’s own term', () => {
    fill(3);
    expect(pruneVerwerkingenlog(db, signer, { now: afterThird, minimum: 'P5Y', dryRun: false }).pruned).toBe(
      0,
    );
    expect(pruneVerwerkingenlog(db, signer, { now: afterThird, minimum: 'P1M', dryRun: false }).pruned).toBe(
      3,
    );
  });

  it('prunes a long backlog in steps, each with its checkpoint', () => {
    fill(5);
    const now = addIsoDuration(T0 + 10 * DAY, 'P2Y')!;
    const first = pruneVerwerkingenlog(db, signer, { now, minimum: 'P2Y', dryRun: false, batch: 2 });
    expect(first).toMatchObject({ expired: 5, pruned: 2, more: true });
    expect(log.verify()).toMatchObject({ ok: true, prunedUpTo: 2 });
    pruneVerwerkingenlog(db, signer, { now, minimum: 'P2Y', dryRun: false, batch: 2 });
    const last = pruneVerwerkingenlog(db, signer, { now, minimum: 'P2Y', dryRun: false, batch: 2 });
    expect(last).toMatchObject({ pruned: 1, more: false, oldestRemaining: null });
    expect(log.verify()).toMatchObject({ ok: true, count: 0, prunedUpTo: 5 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_checkpoints').get()).toEqual({ n: 3 });
  });

  it('still refuses to delete or change what no checkpoint covers', () => {
    fill(3);
    pruneVerwerkingenlog(db, signer, { now: addIsoDuration(T0, 'P2Y')!, minimum: 'P2Y', dryRun: false });
    expect(() => db.prepare('DELETE FROM audit_verwerkingsacties WHERE seq = 3').run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE audit_checkpoints SET upto_seq = 3').run()).toThrow(/append-only/);
  });

  it('detects a forged checkpoint used to hide deleted rows, and one it cannot check', () => {
    fill(4);
    const raw = new Database(path.join(dir, 'kcc.sqlite'));
    const second = raw.prepare('SELECT hash FROM audit_verwerkingsacties WHERE seq = 2').get() as {
      hash: string;
    };
    raw
      .prepare(
        "INSERT INTO audit_checkpoints (upto_seq, upto_hash, pruned, created_at, signature) VALUES (2, ?, 2, '2026-01-01T00:00:00.000Z', ?)",
      )
      .run(second.hash, 'ab'.repeat(32));
    raw.exec(
      'DELETE FROM audit_verwerkte_objecten WHERE actie_seq <= 2; DELETE FROM audit_verwerkingsacties WHERE seq <= 2',
    );
    raw.close();
    expect(log.verify()).toMatchObject({ ok: false, broken: { seq: 2, reason: 'checkpoint-invalid' } });
    expect(verifyChain(db)).toMatchObject({ ok: false, broken: { reason: 'checkpoint-invalid' } });
  });

  it('notices when the first action after a checkpoint does not continue its hash', () => {
    fill(4);
    pruneVerwerkingenlog(db, signer, { now: addIsoDuration(T0, 'P2Y')!, minimum: 'P2Y', dryRun: false });
    const raw = new Database(path.join(dir, 'kcc.sqlite'));
    raw.exec('DROP TRIGGER audit_objecten_no_delete; DROP TRIGGER audit_acties_no_delete;');
    raw.exec(
      'DELETE FROM audit_verwerkte_objecten WHERE actie_seq = 2; DELETE FROM audit_verwerkingsacties WHERE seq = 2',
    );
    raw.close();
    expect(log.verify()).toMatchObject({ ok: false, broken: { seq: 2, reason: 'row-missing' } });
  });
});

describe('ISO 8601 durations', () => {
  it('adds years, months, weeks and days by the calendar, and refuses anything else', () => {
    expect(new Date(addIsoDuration(Date.parse('2024-02-29T10:00:00Z'), 'P1Y')!).toISOString()).toBe(
      '2025-03-01T10:00:00.000Z',
    );
    expect(new Date(addIsoDuration(T0, 'P1Y6M2W3D')!).toISOString()).toBe('2025-11-18T08:00:00.000Z');
    for (const bad of ['P', '2Y', 'P1H', 'PT5M', 'P-1D', '']) {
      expect(addIsoDuration(T0, bad)).toBeUndefined();
      expect(isIsoDuration(bad)).toBe(false);
    }
    expect(isIsoDuration('P2Y')).toBe(true);
  });
});
