import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { kennisbankMigrations } from './kennisbank.migrations';
import { createKennisbankService } from './kennisbank.module';
import { createKennisbankRepository } from './kennisbank.repository';
import { KENNISBANK_ASSETS_DIR, seedArticle } from './seed-kennisbank';
import { engineWindow, isLive, validUntilMs } from './validity';

const log = Fastify({ logger: false }).log;
describeEachStore('seeding and index build', (stores) => {
  it('without demo: no articles or kanalenmatrix, but the synonym map (language data)', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const service = await createKennisbankService({ store, demo: false, log });
    expect(service.indexStats.documents).toBe(0);
    expect(service.search('paspoort', { limit: 5 })).toMatchObject({ total: 0, items: [] });
    expect(await service.kanalenmatrix()).toEqual([]);
    expect((await service.synonyms()).synonyms.kliko).toContain('container');
  });

  it('with demo: seeds every shipped item once, keeps corpus ids, and never reseeds a store in use', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const first = await createKennisbankService({ store, demo: true, log });
    const lines = ['kennisbank.jsonl', 'werkinstructies.jsonl', 'afdelingen.jsonl', 'nieuws.jsonl']
      .map((f) => fs.readFileSync(path.join(KENNISBANK_ASSETS_DIR, f), 'utf8'))
      .join('\n')
      .split('\n')
      .filter((l) => l.trim() !== '').length;
    expect(first.indexStats.documents).toBe(lines);
    expect(first.indexStats.buildMs).toBeGreaterThan(0);
    expect((await first.article('upl:paspoort', { includeHidden: false }))?.kanaal?.primair).toBe(
      'website (afspraak maken)',
    );

    // A beheerder edit survives a restart: the seed only fills an empty store.
    await first.setPublished('upl:paspoort', false, { id: 'user-bea', name: 'Bea Visser' });
    await first.replaceSynonyms({ kliko: ['container'] }, { id: 'user-bea', name: 'Bea Visser' });
    const second = await createKennisbankService({ store, demo: true, log });
    expect(second.indexStats.documents).toBe(lines);
    expect(await second.article('upl:paspoort', { includeHidden: false })).toBeUndefined();
    expect((await second.article('upl:paspoort', { includeHidden: true }))?.published).toBe(false);
    expect((await second.synonyms()).synonyms).toEqual({ kliko: ['container'] });
    expect(await createKennisbankRepository(store).countArticles()).toBe(lines);
  });

  it('maps a seed line: publishFrom/Until become the window, source metadata is kept, unknown types are skipped', () => {
    const a = seedArticle(
      {
        id: 'nws:x',
        type: 'nieuws',
        title: 'X',
        body: 'b',
        belangrijk: true,
        publishFrom: '2026-01-01T00:00:00Z',
        publishUntil: '2026-02-01T00:00:00Z',
        source: 'kcc-seed',
        url: null,
      },
      1,
    );
    expect(a).toMatchObject({
      id: 'nws:x',
      belangrijk: true,
      published: true,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2026-02-01T00:00:00Z',
      meta: { source: 'kcc-seed' },
    });
    expect(a?.url).toBeUndefined();
    expect(seedArticle({ id: 'r:1', type: 'recept', title: 'Soep' }, 1)).toBeUndefined();
    expect(seedArticle({ id: 'r:1', type: 'vac' }, 1)).toBeUndefined();
    expect(seedArticle('nonsense', 1)).toBeUndefined();
  });
});

describe('validity windows', () => {
  const noon = Date.parse('2026-06-15T12:00:00Z');
  it('treats a date-only end as the whole day', () => {
    expect(validUntilMs('2026-06-15')).toBe(Date.parse('2026-06-16T00:00:00Z') - 1);
    expect(isLive({ published: true, validUntil: '2026-06-15' }, noon)).toBe(true);
    expect(isLive({ published: true, validUntil: '2026-06-14' }, noon)).toBe(false);
    expect(isLive({ published: true, validFrom: '2026-06-16' }, noon)).toBe(false);
    expect(isLive({ published: false }, noon)).toBe(false);
    expect(isLive({ published: true }, noon)).toBe(true);
  });
  it('hands the engine instants', () => {
    expect(engineWindow({ validFrom: '2026-06-15', validUntil: '2026-06-15' })).toEqual({
      validFrom: '2026-06-15T00:00:00.000Z',
      validUntil: '2026-06-15T23:59:59.999Z',
    });
    expect(engineWindow({})).toEqual({});
  });
});
