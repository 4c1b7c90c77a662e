import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportResponse } from '@kcc/contracts/dashboard';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { storeRows } from '../../../test-support/store-rows';
import { bearer, nextEvent, startTestServer, type TestServer } from '../../../test-support/test-server';
import { loadOrCreateTokenSecret } from '../../store/token-secret';
import { createRatingLinks } from './rating-link';

describe('rating links', () => {
  it('verifies only its own tokens', () => {
    const links = createRatingLinks('a'.repeat(40), 'https://kcc.example.nl/');
    const link = links.linkFor('contact-1');
    expect(link).toMatch(/^https:\/\/kcc\.example\.nl\/beoordeling\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{32}$/);
    const token = links.tokenFor('contact-1');
    expect(links.verify(token)).toBe('contact-1');
    expect(links.verify(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeUndefined();
    expect(createRatingLinks('b'.repeat(40), 'x').verify(token)).toBeUndefined();
    expect(links.verify('garbage')).toBeUndefined();
  });
});

describeEachStore('registration facts and the e-mail rating page', (stores) => {
  let server: TestServer | undefined;
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
    server = undefined;
    database = undefined;
  });

  it('records the registration for FCR, takes one rating per contact and counts it in the report', async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({ ...database.env, KCC_WRAP_UP_MS: '0' });
    const s = server;
    const annaToken = await server.login('anna');
    const anna = await server.connectAgent(annaToken);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    const res = await server.inbound({ channel: 'telefoon', externalId: 'c-1', from: {} });
    const { contactId } = (await res.json()) as { contactId: string };
    const offer = await offered;
    expect((await anna.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
    const reg = await fetch(`${server.url}/api/contacts/${contactId}/registration`, {
      method: 'POST',
      headers: { ...bearer(annaToken), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ onderwerp: 'Afvalpas kwijt', gespreksresultaat: 'zelfstandig_afgehandeld' }),
    });
    expect(reg.status).toBe(201);
    // Recorded right after the registration committed (a subscriber of contact-registered).
    const rows = () =>
      storeRows<{ gespreksresultaat: string; onderwerp_hash: string }>(
        s.store,
        sql`SELECT gespreksresultaat, onderwerp_hash FROM report_registrations WHERE contact_id = ${contactId}`,
      );
    await expect.poll(async () => (await rows()).length).toBe(1);
    const [row] = await rows();
    expect(row?.gespreksresultaat).toBe('zelfstandig_afgehandeld');
    expect(row?.onderwerp_hash).not.toContain('Afval');

    // The link as an e-mail reply would carry it (signed with the server secret).
    const link = createRatingLinks(
      await loadOrCreateTokenSecret(server.store, server.dataDir),
      server.url,
    ).linkFor(contactId);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Hoe tevreden bent u over ons antwoord?');
    expect(html).toContain('lang="nl"');

    const bad = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=9',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Kies een cijfer van 1 tot 5.');
    const badJson = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 0 }),
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ status: 400, invalidParams: [{ name: 'score' }] });

    const ok = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=4&comment=Snel+geholpen',
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Bedankt');
    const again = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 1 }),
    });
    expect(again.status).toBe(409);
    expect(await (await fetch(link)).text()).toContain('al ontvangen');

    const forged = await fetch(
      `${server.url}/beoordeling/${Buffer.from(contactId).toString('base64url')}.${'x'.repeat(32)}`,
    );
    expect(forged.status).toBe(404);

    const report = ReportResponse.parse(
      await (
        await fetch(`${server.url}/api/reports`, { headers: bearer(await server.login('tess')) })
      ).json(),
    );
    expect(report.total).toMatchObject({
      csatCount: 1,
      csatAverage: 4,
      zelfstandigAfgehandeld: 1,
      offered: 1,
      answered: 1,
    });
    // No partij was linked: the registration counts as zelfstandig afgehandeld but cannot be judged for FCR.
    expect(report.total.firstContactResolution).toBeNull();
  });
});
