import fs from 'node:fs';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { RetentionOverview, type RetentionRun } from '@kcc/contracts/bewaartermijnen';
import { loadOrCreateAuditKey } from '../audit/bsn-protection';
import { createCheckpointSigner } from '../audit/checkpoints';
import { addIsoDuration } from '../audit/iso-duration';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { storeRows, storeSql } from '../../../test-support/store-rows';
import { TestClock } from '../../../test-support/test-clock';
import { bearer, nextEvent, startTestServer, type TestServer } from '../../../test-support/test-server';
import type { Logger } from '../../shared/logger';
import { DEFAULT_RETENTION } from './retention-settings';
import { createRetention } from './retention.module';

const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

const DAY = 86_400_000;
let server: TestServer | undefined;
let database: FreshDatabase | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await database?.drop();
  database = undefined;
});

describeEachStore('bewaartermijnen: the daily job and the beheerder’s dry run', (stores) => {
  it('removes attachments, then texts and who it was, then old log lines, each after its own term', async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({ ...database.env, KCC_WRAP_UP_MS: '0' });
    const s = server;
    const db = storeSql(s.store);

    // A resident e-mails with an attachment; anna handles it, reads the klantbeeld and registers.
    const anna = await s.login('anna');
    const agent = await s.connectAgent(anna);
    await agent.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(agent, 'contact:offered');
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: s.smtpPort ?? 0,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'Fatima El Amrani <fatima.elamrani@example.com>',
      to: 'kcc@gemeente.example',
      subject: 'Kopie paspoort voor mijn aanvraag',
      text: 'Hierbij mijn paspoort. Mijn BSN is 999993653.',
      attachments: [{ filename: 'paspoort.jpg', content: Buffer.from('not really a passport') }],
    });
    transport.close();
    const offer = await offered;
    const contactId = offer.contact.id;
    expect((await agent.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
    await fetch(`${s.url}/api/contacts/${contactId}/klantbeeld`, { headers: bearer(anna) });
    const registered = await fetch(`${s.url}/api/contacts/${contactId}/registration`, {
      method: 'POST',
      headers: {
        ...bearer(anna),
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ onderwerp: 'Paspoort', gespreksresultaat: 'zelfstandig_afgehandeld' }),
    });
    expect(registered.status).toBe(201);
    agent.disconnect();
    const closedAt = (
      (await db.get('SELECT closed_at FROM contacts WHERE id = ?', contactId)) as { closed_at: number }
    ).closed_at;

    const attachment = (await db.get(
      'SELECT stored_path FROM contact_attachments WHERE contact_id = ?',
      contactId,
    )) as { stored_path: string } | undefined;
    expect(attachment && fs.existsSync(attachment.stored_path)).toBe(true);
    const logLines = async () =>
      (await storeRows(s.store, sql<{ id: unknown }>`SELECT 1 AS id FROM audit_verwerkingsacties`)).length;
    const linesBefore = await logLines();
    expect(linesBefore).toBeGreaterThan(0);
    // A message that went back to her about this contact (terugkoppeling) holds her address and its text.
    await storeRows(
      s.store,
      sql`INSERT INTO terugkoppelingen (id, sleutel, aanleiding, contact_id, gegevens, status, volgende_poging, aangemaakt_op)
       VALUES ('t-1', 'vervolg:x', '{"soort":"vervolg_geregistreerd","onderwerp":"Paspoort"}', ${contactId}, '{"email":"fatima.elamrani@example.com"}', 'verstuurd', 0, ${closedAt})`,
    );
    const berichten = async () =>
      (await storeRows(s.store, sql`SELECT id FROM terugkoppelingen WHERE contact_id = ${contactId}`)).length;

    // The job as the server runs it, on the same database, at moments the test chooses (no timers started).
    const clock = new TestClock({ frozenAt: closedAt });
    const retention = createRetention({
      store: s.store,
      settings: DEFAULT_RETENTION,
      checkpoints: createCheckpointSigner(await loadOrCreateAuditKey(s.store, s.dataDir)),
      clock,
      log: silentLogger,
    });
    const kind = (run: RetentionRun, k: string) => run.kinds.find((x) => x.kind === k);
    const advanceTo = (term: string) => clock.advance(addIsoDuration(closedAt, term)! + DAY - clock.now());

    expect((await retention.overview()).dryRun.kinds.every((k) => k.expired === 0)).toBe(true);

    // after three months: the attachment goes, file and all; the texts stay
    advanceTo('P3M');
    expect(kind((await retention.overview()).dryRun, 'bijlagen')?.expired).toBe(1);
    expect(fs.existsSync(attachment!.stored_path)).toBe(true); // a dry run deletes nothing
    const afterThreeMonths = await retention.run();
    expect(kind(afterThreeMonths, 'bijlagen')).toMatchObject({ expired: 1, removed: 1 });
    expect(fs.existsSync(attachment!.stored_path)).toBe(false);
    expect(await db.get('SELECT COUNT(*) AS n FROM contact_attachments')).toEqual({ n: 0 });
    const message = async () =>
      (await db.get('SELECT body FROM contact_messages WHERE contact_id = ?', contactId)) as { body: string };
    expect((await message()).body).toContain('paspoort');
    expect(kind(afterThreeMonths, 'contacten')).toMatchObject({ expired: 0, removed: 0 });
    expect(await berichten()).toBe(1);

    // after a year: what was said and who said it; the contact still counts in the figures
    advanceTo('P1Y');
    const afterAYear = await retention.run();
    expect(kind(afterAYear, 'transcripten')).toMatchObject({ expired: 1 });
    expect(kind(afterAYear, 'contacten')).toMatchObject({ expired: 1 });
    expect((await message()).body).toBe('');
    expect(await berichten()).toBe(0);
    const contact = (await db.get(
      'SELECT subject, body, from_json, partij_uuid, channel, status, closed_at FROM contacts WHERE id = ?',
      contactId,
    )) as Record<string, unknown>;
    expect(contact).toMatchObject({
      subject: null,
      body: null,
      from_json: '{}',
      partij_uuid: null,
      channel: 'email',
    });
    expect(contact.closed_at).toBe(closedAt);
    expect(
      JSON.stringify(await db.all('SELECT * FROM contact_events WHERE contact_id = ?', contactId)),
    ).not.toMatch(/fatima|paspoort/i);
    // events stay append-only: only the personal fields of their data could go
    await expect(db.run('UPDATE contact_events SET at = 0 WHERE contact_id = ?', contactId)).rejects.toThrow(
      /append-only/,
    );
    // a second run finds nothing new
    expect((await retention.run()).kinds.every((k) => k.removed === 0)).toBe(true);
    expect(await logLines()).toBe(linesBefore);

    // after two years: the log lines of that time, and the chain still verifies through the server
    advanceTo('P2Y');
    const afterTwoYears = await retention.run();
    expect(kind(afterTwoYears, 'verwerkingenlog')).toMatchObject({ removed: linesBefore });
    expect(await logLines()).toBe(0);
    const verify = await fetch(`${s.url}/api/audit/verify`, { headers: bearer(await s.login('priya')) });
    expect(await verify.json()).toMatchObject({ ok: true });
  });

  it('runs by itself every night at the configured hour and keeps the last run', async () => {
    // frozen: the run's time is exactly the scheduled one, not that plus however long the test took
    const clock = new TestClock({ frozenAt: Date.now() });
    database = await stores.freshDatabase();
    server = await startTestServer({ ...database.env, KCC_OPSCHONEN_UUR: '4' }, { clock });
    const s = server;
    const bea = await s.login('bea');
    const before = RetentionOverview.parse(
      await (await fetch(`${s.url}/api/beheer/bewaartermijnen`, { headers: bearer(bea) })).json(),
    );
    expect(before.lastRun).toBeNull();
    const next = Date.parse(before.nextRunAt);
    expect(next).toBeGreaterThan(clock.now());
    expect(next - clock.now()).toBeLessThanOrEqual(25 * 3600_000);
    expect(
      new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: 'numeric' }).format(next),
    ).toBe('04');
    clock.advance(next - clock.now());
    await expect
      .poll(async () => {
        const res = await fetch(`${s.url}/api/beheer/bewaartermijnen`, {
          headers: bearer(await s.login('bea')),
        });
        return RetentionOverview.parse(await res.json()).lastRun?.at;
      })
      .toBe(new Date(next).toISOString());
  });

  it('lets the privacy officer look but only the beheerder run, and refuses bad terms at start', async () => {
    database = await stores.freshDatabase();
    server = await startTestServer(database.env);
    const s = server;
    const priya = await s.login('priya');
    expect((await fetch(`${s.url}/api/beheer/bewaartermijnen`, { headers: bearer(priya) })).status).toBe(200);
    const post = await fetch(`${s.url}/api/beheer/bewaartermijnen/opschonen`, {
      method: 'POST',
      headers: bearer(priya),
    });
    expect(post.status).toBe(403);
    const anna = await s.login('anna');
    expect((await fetch(`${s.url}/api/beheer/bewaartermijnen`, { headers: bearer(anna) })).status).toBe(403);
    await expect(startTestServer({ ...database.env, KCC_BEWAARTERMIJN_CONTACTEN: '1 jaar' })).rejects.toThrow(
      /KCC_BEWAARTERMIJN_CONTACTEN/,
    );
  });
});
