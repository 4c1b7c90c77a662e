import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore, type OpenTestStore } from '../../../test-support/each-store';
import { sqliteConnectionOf, type Store } from '../../store/store';
import { createAuditLog, type AuditLog } from './audit-log';
import { auditMigrations } from './audit.migrations';
import { createAuditRepository } from './audit.repository';
import { createBsnProtection } from './bsn-protection';
import { createCheckpointSigner } from './checkpoints';
import { verifyChain } from './hash-chain';
import { addIsoDuration, isIsoDuration } from './iso-duration';
import { pruneVerwerkingenlog } from './prune';

const KEY = Buffer.alloc(32, 7);
const signer = createCheckpointSigner(KEY);
const T0 = Date.parse('2024-05-01T08:00:00Z');
const DAY = 86_400_000;

const run = <R = Record<string, unknown>>(store: Store, text: string) =>
  sql
    .raw<R>(text)
    .execute(store.kysely())
    .then((r) => r.rows);

/** Writes past the triggers, as someone with direct access to the database would. */
async function tamper(store: Store, text: string, dropTriggers: string[]): Promise<void> {
  const conn = sqliteConnectionOf(store);
  if (conn) {
    const raw = new Database(conn.name);
    for (const t of dropTriggers) raw.exec(`DROP TRIGGER ${t}`);
    raw.exec(text);
    raw.close();
  } else {
    await run(
      store,
      `ALTER TABLE audit_verwerkingsacties DISABLE TRIGGER USER;
       ALTER TABLE audit_verwerkte_objecten DISABLE TRIGGER USER; ${text}`,
    );
  }
}

describeEachStore('pruning the verwerkingenlog after its bewaartermijn', (stores) => {
  let opened: OpenTestStore;
  let store: Store;
  let log: AuditLog;
  let clock = T0;

  beforeEach(async () => {
    opened = await stores.openStore(auditMigrations);
    store = opened.store;
    log = createAuditLog(store, {
      protection: createBsnProtection(KEY),
      baseUrl: 'http://kcc.test/',
      now: () => clock,
      checkpoints: signer,
    });
  });
  afterEach(() => opened.close());

  /** One action a day from T0, all with the register's P2Y. */
  const fill = async (n: number) => {
    for (let i = 0; i < n; i++) {
      clock = T0 + i * DAY;
      await log.record({
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
  const count = async (table = 'audit_verwerkingsacties') =>
    Number((await run<{ n: number }>(store, `SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
  const prune = (opts: Parameters<typeof pruneVerwerkingenlog>[2]) =>
    pruneVerwerkingenlog(store, signer, opts);
  /** Two years after the third action: the first three have expired. */
  const afterThird = addIsoDuration(T0 + 2 * DAY, 'P2Y')!;

  it('reports in a dry run, then deletes the expired front and still verifies from a signed checkpoint', async () => {
    await fill(5);
    const dry = await prune({ now: afterThird, minimum: 'P2Y', dryRun: true });
    expect(dry).toEqual({ expired: 3, pruned: 0, oldestRemaining: T0, more: false });
    expect(await count()).toBe(5);

    const step = await prune({ now: afterThird, minimum: 'P2Y', dryRun: false });
    expect(step).toEqual({ expired: 3, pruned: 3, oldestRemaining: T0 + 3 * DAY, more: false });
    expect(await count()).toBe(2);
    expect(await count('audit_verwerkte_objecten')).toBe(2);
    expect(await log.verify()).toMatchObject({ ok: true, count: 2, prunedUpTo: 3 });

    // new actions chain on as before
    clock = afterThird;
    await fill(1);
    expect(await log.verify()).toMatchObject({ ok: true, count: 3, prunedUpTo: 3 });
  });

  it('chains on from the checkpoint when every action was pruned', async () => {
    await fill(3);
    const step = await prune({ now: addIsoDuration(T0 + 10 * DAY, 'P2Y')!, minimum: 'P2Y', dryRun: false });
    expect(step).toMatchObject({ pruned: 3, oldestRemaining: null });
    expect(await log.verify()).toMatchObject({ ok: true, count: 0, prunedUpTo: 3 });
    // Before the move the next action started a new chain (genesis hash) and the log no longer verified.
    const { seq } = await log.record({
      handeling: 'inzien',
      doel: 'contact:c-2',
      contactId: 'c-2',
      gegevensbron: 'klantinteracties',
      objecten: [{ partijUuid: '0b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11', soortenGegevens: ['identificatie'] }],
    });
    expect(seq).toBe(4);
    expect(await log.verify()).toMatchObject({ ok: true, count: 1, prunedUpTo: 3 });
  });

  it('keeps everything a configured longer term protects, and never deletes before the row’s own term', async () => {
    await fill(3);
    expect((await prune({ now: afterThird, minimum: 'P5Y', dryRun: false })).pruned).toBe(0);
    expect((await prune({ now: afterThird, minimum: 'P1M', dryRun: false })).pruned).toBe(3);
  });

  it('prunes a long backlog in steps, each with its checkpoint', async () => {
    await fill(5);
    const now = addIsoDuration(T0 + 10 * DAY, 'P2Y')!;
    const first = await prune({ now, minimum: 'P2Y', dryRun: false, batch: 2 });
    expect(first).toMatchObject({ expired: 5, pruned: 2, more: true });
    expect(await log.verify()).toMatchObject({ ok: true, prunedUpTo: 2 });
    await prune({ now, minimum: 'P2Y', dryRun: false, batch: 2 });
    const last = await prune({ now, minimum: 'P2Y', dryRun: false, batch: 2 });
    expect(last).toMatchObject({ pruned: 1, more: false, oldestRemaining: null });
    expect(await log.verify()).toMatchObject({ ok: true, count: 0, prunedUpTo: 5 });
    expect(await count('audit_checkpoints')).toBe(3);
  });

  it('still refuses to delete or change what no checkpoint covers', async () => {
    await fill(3);
    await prune({ now: addIsoDuration(T0, 'P2Y')!, minimum: 'P2Y', dryRun: false });
    await expect(run(store, 'DELETE FROM audit_verwerkingsacties WHERE seq = 3')).rejects.toThrow(
      /append-only/,
    );
    await expect(run(store, 'DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
    await expect(run(store, 'UPDATE audit_checkpoints SET upto_seq = 3')).rejects.toThrow(/append-only/);
  });

  it('detects a forged checkpoint used to hide deleted rows, and one it cannot check', async () => {
    await fill(4);
    const [second] = await run<{ hash: string }>(
      store,
      'SELECT hash FROM audit_verwerkingsacties WHERE seq = 2',
    );
    // The checkpoint makes the delete triggers let the rows go: no trigger needs to be bypassed.
    await tamper(
      store,
      `INSERT INTO audit_checkpoints (upto_seq, upto_hash, pruned, created_at, signature)
         VALUES (2, '${second!.hash}', 2, '2026-01-01T00:00:00.000Z', '${'ab'.repeat(32)}');
       DELETE FROM audit_verwerkte_objecten WHERE actie_seq <= 2; DELETE FROM audit_verwerkingsacties WHERE seq <= 2;`,
      [],
    );
    expect(await log.verify()).toMatchObject({ ok: false, broken: { seq: 2, reason: 'checkpoint-invalid' } });
    const unsigned = await createAuditRepository(store).readChain((reader) => verifyChain(reader));
    expect(unsigned).toMatchObject({ ok: false, broken: { reason: 'checkpoint-invalid' } });
  });

  it('notices when the first action after a checkpoint does not continue its hash', async () => {
    await fill(4);
    await prune({ now: addIsoDuration(T0, 'P2Y')!, minimum: 'P2Y', dryRun: false });
    await tamper(
      store,
      'DELETE FROM audit_verwerkte_objecten WHERE actie_seq = 2; DELETE FROM audit_verwerkingsacties WHERE seq = 2',
      ['audit_objecten_no_delete', 'audit_acties_no_delete'],
    );
    expect(await log.verify()).toMatchObject({ ok: false, broken: { seq: 2, reason: 'row-missing' } });
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
