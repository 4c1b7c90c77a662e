import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { KennisbankRapport } from '@kcc/contracts/kennisbank';
import { openDatabase, type Db } from '../../store/db';
import { migrate } from '../../store/migrate';
import { kennisbankMigrations } from './kennisbank.migrations';
import { createKennisbankService } from './kennisbank.module';
import { hasAnswerText, normaliseQuery } from './kennisbank-quality';

const log = Fastify({ logger: false }).log;
const dirs: string[] = [];
function freshDb(): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-kennisbank-quality-'));
  dirs.push(dir);
  const db = openDatabase(dir);
  migrate(db, kennisbankMigrations);
  return db;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = Date.parse('2026-12-07T12:00:00Z');

describe('kennisbank quality: feedback, review dates, answers without text, residents', () => {
  it('gives every seeded article an owner and a review date; VACs a year after their last change', () => {
    const db = freshDb();
    const service = createKennisbankService({ db, demo: true, log, clock: () => NOW });
    const vac = service.article('vac:555cbf27-c388-4f2f-9424-e273c64207e6', { includeHidden: true })!;
    expect(vac.owner).toBe('Redactie kennisbank');
    expect(vac.reviewDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(service.article('afd:burgerzaken', { includeHidden: true })!.owner).toBe('Burgerzaken');
    expect(service.article('wi:kwijtschelding', { includeHidden: true })!.reviewDate).toBe('2027-12-07');
    db.close();
  });

  it('lists products whose body is only UPL metadata, and articles past their review date, oldest first', () => {
    const db = freshDb();
    const service = createKennisbankService({ db, demo: true, log, clock: () => NOW });
    const rapport = KennisbankRapport.parse(service.quality!.rapport());
    expect(rapport.zonderAntwoord.map((a) => a.id)).toContain('upl:rijbewijs');
    expect(rapport.zonderAntwoord.map((a) => a.id)).not.toContain('wi:kwijtschelding');
    expect(rapport.aantallen.zonderAntwoord).toBeGreaterThan(900);
    expect(rapport.reviewVerlopen.length).toBeGreaterThan(0);
    const dates = rapport.reviewVerlopen.map((a) => a.reviewDate);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d < '2026-12-07')).toBe(true);
    expect(hasAnswerText({ body: '  ' } as never)).toBe(false);
    db.close();
  });

  it('stores one vote per agent, article and query (a new vote replaces it) and reports weak articles', () => {
    const db = freshDb();
    let now = NOW;
    const service = createKennisbankService({ db, demo: true, log, clock: () => now });
    const q = service.quality!;
    const vote = (agent: string, articleId: string, query: string, hielp: boolean) =>
      q.recordFeedback(agent, { articleId, query, hielp });
    expect(vote('anna', 'upl:laadpaalverzoek', 'Laadpaal  aanvragen', false)).toBe(true);
    expect(vote('anna', 'upl:laadpaalverzoek', 'laadpaal aanvragen', false)).toBe(true); // same vote again
    expect(vote('bram', 'upl:laadpaalverzoek', 'laadpaal aanvragen', false)).toBe(true);
    expect(vote('anna', 'upl:paspoort', 'paspoort kwijt', false)).toBe(true);
    now += 1000;
    expect(vote('anna', 'upl:paspoort', 'paspoort kwijt', true)).toBe(true); // changed her mind
    expect(vote('anna', 'upl:bestaat-niet', 'x', true)).toBe(false);

    const rapport = q.rapport();
    expect(rapport.zwakkeArtikelen).toEqual([
      { id: 'upl:laadpaalverzoek', type: 'product', title: 'Laadpaalverzoek', hielp: 0, hieldNiet: 2 },
    ]);
    expect(rapport.vragenZonderGoedAntwoord).toEqual([{ query: 'laadpaal aanvragen', hieldNiet: 2 }]);
    expect(normaliseQuery('  Paspoort   KWIJT ')).toBe('paspoort kwijt');
    db.close();
  });

  it('counts residents who opened an answer and then started no chat', () => {
    const db = freshDb();
    const service = createKennisbankService({ db, demo: true, log, clock: () => NOW });
    const q = service.quality!;
    q.recordPublicEvent({ kind: 'geopend', sessie: 'sessie-aaaa', articleId: 'upl:paspoort' });
    q.recordPublicEvent({ kind: 'geopend', sessie: 'sessie-aaaa', articleId: 'upl:rijbewijs' });
    q.recordPublicEvent({ kind: 'geopend', sessie: 'sessie-bbbb', articleId: 'upl:paspoort' });
    q.recordPublicEvent({ kind: 'chat-gestart', sessie: 'sessie-bbbb' });
    q.recordPublicEvent({ kind: 'chat-gestart', sessie: 'sessie-cccc' }); // a chat without an opened answer
    expect(q.rapport().publiek).toEqual({ sessiesMetAntwoord: 2, zonderChat: 1 });
    db.close();
  });
});

describe('product information from the licensed sources', () => {
  it('gives the seeded paspoort its costs, how to apply and delivery time; the report no longer lists it', () => {
    const db = freshDb();
    const service = createKennisbankService({ db, demo: true, log, clock: () => NOW });
    const paspoort = service.article('upl:paspoort', { includeHidden: true })!;
    expect(paspoort.body).toMatch(/^Kosten: In 2026 hoogstens € 88,65/);
    expect(paspoort.body).toContain('Aanvragen: Persoonlijk bij de gemeente');
    expect(paspoort.body).toContain('Levertijd: Ongeveer 5 werkdagen');
    expect(paspoort.body).toContain('Uniforme productnaam: paspoort');
    const rapport = service.quality!.rapport();
    expect(rapport.zonderAntwoord.map((a) => a.id)).not.toContain('upl:paspoort');
    expect(rapport.zonderAntwoord.map((a) => a.id)).toContain('upl:rijbewijs');
    db.close();
  });

  it('gives every product the licensed VACs describe its answer text: bezwaar, Woo-verzoek, stempas, noodreisdocument, …', () => {
    const db = freshDb();
    const service = createKennisbankService({ db, demo: true, log, clock: () => NOW });
    const body = (id: string) => service.article(id, { includeHidden: true })!.body;
    expect(body('upl:bezwaar')).toMatch(/^Aanvragen: Stuur een bezwaar per post of digitaal/);
    expect(body('upl:bezwaar')).toContain('Levertijd: Meestal een beslissing binnen 6 weken');
    expect(body('upl:verstrekking_overheidsinformatie')).toContain(
      'Levertijd: U krijgt eerst een ontvangstbevestiging',
    );
    expect(body('upl:toeristenbelasting')).toMatch(/^Kosten: Verschilt per gemeente/);
    const zonder = service.quality!.rapport().zonderAntwoord.map((a) => a.id);
    for (const id of ['upl:bezwaar', 'upl:stempas', 'upl:briefadres', 'upl:noodreisdocument']) {
      expect(zonder).not.toContain(id);
    }
    db.close();
  });

  it('gives a seeded product the words residents use as keywords (zoektermen.json), so the agent finds it by them', () => {
    const db = freshDb();
    const service = createKennisbankService({ db, demo: true, log, clock: () => NOW });
    expect(service.article('upl:afvalcontainer', { includeHidden: true })!.keywords).toContain('kliko');
    expect(service.article('upl:gladheidbestrijding', { includeHidden: true })!.keywords).toContain(
      'strooien',
    );
    const hits = service.search('wordt er gestrooid bij ijzel', { limit: 5 }).items.map((i) => i.id);
    expect(hits).toContain('upl:gladheidbestrijding');
    db.close();
  });
});
