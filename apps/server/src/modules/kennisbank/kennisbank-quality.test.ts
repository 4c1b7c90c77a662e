import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { KennisbankRapport } from '@kcc/contracts/kennisbank';
import { describeEachStore } from '../../../test-support/each-store';
import { kennisbankMigrations } from './kennisbank.migrations';
import { createKennisbankService } from './kennisbank.module';
import { hasAnswerText, normaliseQuery } from './kennisbank-quality';

const log = Fastify({ logger: false }).log;

const NOW = Date.parse('2026-12-07T12:00:00Z');

describeEachStore('kennisbank quality: feedback, review dates, answers without text, residents', (stores) => {
  it('gives every seeded article an owner and a review date; VACs a year after their last change', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const service = await createKennisbankService({ store, demo: true, log, clock: () => NOW });
    const vac = (await service.article('vac:555cbf27-c388-4f2f-9424-e273c64207e6', { includeHidden: true }))!;
    expect(vac.owner).toBe('Redactie kennisbank');
    expect(vac.reviewDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await service.article('afd:burgerzaken', { includeHidden: true }))!.owner).toBe('Burgerzaken');
    expect((await service.article('wi:kwijtschelding', { includeHidden: true }))!.reviewDate).toBe(
      '2027-12-07',
    );
  });

  it('lists products whose body is only UPL metadata, and articles past their review date, oldest first', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const service = await createKennisbankService({ store, demo: true, log, clock: () => NOW });
    const rapport = KennisbankRapport.parse(await service.quality!.rapport());
    expect(rapport.zonderAntwoord.map((a) => a.id)).toContain('upl:rijbewijs');
    expect(rapport.zonderAntwoord.map((a) => a.id)).not.toContain('wi:kwijtschelding');
    expect(rapport.aantallen.zonderAntwoord).toBeGreaterThan(900);
    expect(rapport.reviewVerlopen.length).toBeGreaterThan(0);
    const dates = rapport.reviewVerlopen.map((a) => a.reviewDate);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d < '2026-12-07')).toBe(true);
    expect(hasAnswerText({ body: '  ' } as never)).toBe(false);
  });

  it('stores one vote per agent, article and query (a new vote replaces it) and reports weak articles', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    let now = NOW;
    const service = await createKennisbankService({ store, demo: true, log, clock: () => now });
    const q = service.quality!;
    const vote = (agent: string, articleId: string, query: string, hielp: boolean) =>
      q.recordFeedback(agent, { articleId, query, hielp });
    expect(await vote('anna', 'upl:laadpaalverzoek', 'Laadpaal  aanvragen', false)).toBe(true);
    expect(await vote('anna', 'upl:laadpaalverzoek', 'laadpaal aanvragen', false)).toBe(true); // same vote again
    expect(await vote('bram', 'upl:laadpaalverzoek', 'laadpaal aanvragen', false)).toBe(true);
    expect(await vote('anna', 'upl:paspoort', 'paspoort kwijt', false)).toBe(true);
    now += 1000;
    expect(await vote('anna', 'upl:paspoort', 'paspoort kwijt', true)).toBe(true); // changed her mind
    expect(await vote('anna', 'upl:bestaat-niet', 'x', true)).toBe(false);

    const rapport = await q.rapport();
    expect(rapport.zwakkeArtikelen).toEqual([
      { id: 'upl:laadpaalverzoek', type: 'product', title: 'Laadpaalverzoek', hielp: 0, hieldNiet: 2 },
    ]);
    expect(rapport.vragenZonderGoedAntwoord).toEqual([{ query: 'laadpaal aanvragen', hieldNiet: 2 }]);
    expect(normaliseQuery('  Paspoort   KWIJT ')).toBe('paspoort kwijt');
  });

  it('counts residents who opened an answer and then started no chat', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const service = await createKennisbankService({ store, demo: true, log, clock: () => NOW });
    const q = service.quality!;
    await q.recordPublicEvent({ kind: 'geopend', sessie: 'sessie-aaaa', articleId: 'upl:paspoort' });
    await q.recordPublicEvent({ kind: 'geopend', sessie: 'sessie-aaaa', articleId: 'upl:rijbewijs' });
    await q.recordPublicEvent({ kind: 'geopend', sessie: 'sessie-bbbb', articleId: 'upl:paspoort' });
    await q.recordPublicEvent({ kind: 'chat-gestart', sessie: 'sessie-bbbb' });
    await q.recordPublicEvent({ kind: 'chat-gestart', sessie: 'sessie-cccc' }); // a chat without an opened answer
    expect((await q.rapport()).publiek).toEqual({ sessiesMetAntwoord: 2, zonderChat: 1 });
  });
});

describeEachStore('product information from the licensed sources', (stores) => {
  it('gives the seeded paspoort its costs, how to apply and delivery time; the report no longer lists it', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const service = await createKennisbankService({ store, demo: true, log, clock: () => NOW });
    const paspoort = (await service.article('upl:paspoort', { includeHidden: true }))!;
    expect(paspoort.body).toMatch(/^Kosten: In 2026 hoogstens € 88,65/);
    expect(paspoort.body).toContain('Aanvragen: Persoonlijk bij de gemeente');
    expect(paspoort.body).toContain('Levertijd: Ongeveer 5 werkdagen');
    expect(paspoort.body).toContain('Uniforme productnaam: paspoort');
    const rapport = await service.quality!.rapport();
    expect(rapport.zonderAntwoord.map((a) => a.id)).not.toContain('upl:paspoort');
    expect(rapport.zonderAntwoord.map((a) => a.id)).toContain('upl:rijbewijs');
  });

  it('gives every product the licensed VACs describe its answer text: bezwaar, Woo-verzoek, stempas, noodreisdocument, …', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const service = await createKennisbankService({ store, demo: true, log, clock: () => NOW });
    const body = async (id: string) => (await service.article(id, { includeHidden: true }))!.body;
    expect(await body('upl:bezwaar')).toMatch(/^Aanvragen: Stuur een bezwaar per post of digitaal/);
    expect(await body('upl:bezwaar')).toContain('Levertijd: Meestal een beslissing binnen 6 weken');
    expect(await body('upl:verstrekking_overheidsinformatie')).toContain(
      'Levertijd: U krijgt eerst een ontvangstbevestiging',
    );
    expect(await body('upl:toeristenbelasting')).toMatch(/^Kosten: Verschilt per gemeente/);
    const zonder = (await service.quality!.rapport()).zonderAntwoord.map((a) => a.id);
    for (const id of ['upl:bezwaar', 'upl:stempas', 'upl:briefadres', 'upl:noodreisdocument']) {
      expect(zonder).not.toContain(id);
    }
  });

  it('gives a seeded product the words residents use as keywords (zoektermen.json), so the agent finds it by them', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const service = await createKennisbankService({ store, demo: true, log, clock: () => NOW });
    expect((await service.article('upl:afvalcontainer', { includeHidden: true }))!.keywords).toContain(
      'kliko',
    );
    expect((await service.article('upl:gladheidbestrijding', { includeHidden: true }))!.keywords).toContain(
      'strooien',
    );
    const hits = service.search('wordt er gestrooid bij ijzel', { limit: 5 }).items.map((i) => i.id);
    expect(hits).toContain('upl:gladheidbestrijding');
  });
});
