import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachStore, type OpenTestStore } from '../../../test-support/each-store';
import { TestClock } from '../../../test-support/test-clock';
import type { Logger } from '../../shared/logger';
import { classifySendError } from './index';
import { TerugkoppelingOutbox } from './terugkoppeling.outbox';
import {
  createTerugkoppelingRepository,
  ONDERBROKEN,
  terugkoppelingMigrations,
  type TerugkoppelingRepository,
  type TerugkoppelingTables,
} from './terugkoppeling.repository';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Several workers on one store, as several instances on one database: each message goes out once. */
describeEachStore('terugkoppeling claims', (stores) => {
  let opened: OpenTestStore;
  let clock: TestClock;
  let repository: TerugkoppelingRepository;
  /** Every SMS the workers handed to NotifyNL: reference (the row id) and which worker sent it. */
  let sent: { reference: string; worker: string }[];

  beforeEach(async () => {
    opened = await stores.openStore(terugkoppelingMigrations);
    clock = new TestClock({ frozenAt: 1_800_000_000_000 });
    repository = createTerugkoppelingRepository(opened.store, () => clock.now());
    sent = [];
  });
  afterEach(async () => {
    await opened.close();
  });

  const worker = (name: string) =>
    new TerugkoppelingOutbox({
      // Each worker its own repository on the same store.
      repository: createTerugkoppelingRepository(opened.store, () => clock.now()),
      clock,
      log: silent,
      toestemming: async () => ({ kanaal: 'sms' as const, adres: '+31612345678' }),
      contact: async () => undefined,
      mail: { available: false, send: async () => {} },
      mailFrom: 'KCC <kcc@gemeente.example>',
      signature: 'Gemeente',
      sms: {
        client: {
          async sendSms(req) {
            // The network call: other work (the other worker) runs meanwhile.
            await new Promise((r) => setImmediate(r));
            sent.push({ reference: req.reference, worker: name });
            return { id: `notify-${req.reference}` };
          },
        },
        templateTerugkoppeling: 't1',
        templateBeoordeling: 't2',
      },
      telefoon: '14 020',
      beoordelingslink: async (contactId) => `https://kcc.example/beoordeling/${contactId}`,
      logVerzending: () => {},
      classify: classifySendError,
    });

  const rows = () =>
    opened.store
      .kysely<TerugkoppelingTables>()
      .selectFrom('terugkoppelingen')
      .select(['id', 'status', 'reden', 'pogingen'])
      .orderBy('sleutel')
      .execute();

  const record = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await repository.record({
        sleutel: `vervolg:${String(i).padStart(3, '0')}`,
        aanleiding: { soort: 'vervolg_geregistreerd', onderwerp: 'Paspoort' },
        partijUuid: 'p-1',
      });
    }
  };

  it('two workers sending at once send every message exactly once', async () => {
    await record(30);
    const a = worker('a');
    const b = worker('b');
    a.kick();
    b.kick();
    await expect.poll(async () => (await rows()).filter((r) => r.status === 'verstuurd').length).toBe(30);
    a.stop();
    b.stop();
    const ids = (await rows()).map((r) => r.id).sort();
    expect(sent.map((s) => s.reference).sort()).toEqual(ids);
    expect(new Set(sent.map((s) => s.worker))).toEqual(new Set(['a', 'b']));
    expect((await rows()).every((r) => r.pogingen === 1)).toBe(true);
  });

  it('a claim whose worker died before sending is sent by another after the lease', async () => {
    await record(1);
    const [claimed] = await repository.claimDue(5, 60_000);
    expect(claimed).toBeDefined();
    const b = worker('b');
    b.kick();
    // Held by the dead worker's claim: b finds nothing to send and waits for the lease to run out.
    await expect.poll(() => clock.pending()).toBeGreaterThan(0);
    expect(sent).toEqual([]);
    clock.advance(60_000);
    await expect.poll(() => sent.map((s) => s.worker)).toEqual(['b']);
    await expect.poll(async () => (await rows())[0]?.status).toBe('verstuurd');
    // The dead worker comes back: its claim is gone.
    expect(await repository.markSending(claimed!, { kanaal: 'sms', pogingen: 1 }, 60_000)).toBe(false);
    b.stop();
  });

  it('a message whose sender died during the send is failed after the lease, never sent again', async () => {
    await record(1);
    const [claimed] = await repository.claimDue(5, 60_000);
    expect(await repository.markSending(claimed!, { kanaal: 'sms', pogingen: 1 }, 10 * 60_000)).toBe(true);
    const b = worker('b');
    b.kick();
    await expect.poll(() => clock.pending()).toBeGreaterThan(0);
    clock.advance(5 * 60_000);
    await expect.poll(() => clock.pending()).toBeGreaterThan(0);
    // Within the send's lease the sender may still be busy: b leaves the row alone.
    expect((await rows())[0]?.status).toBe('verzenden');
    clock.advance(5 * 60_000);
    await expect.poll(async () => (await rows())[0]).toMatchObject({ status: 'mislukt', reden: ONDERBROKEN });
    expect(sent).toEqual([]);
    b.stop();
  });
});
