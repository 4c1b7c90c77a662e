import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KVK_API_KEY, startKvkMock } from '../../../test-support/connectors/register-mocks';
import { createKvkConnector } from './kvk-connector';

describe('KvK Zoeken v2 + Basisprofiel connector (mock follows the public documentation; no spec file)', () => {
  let mock: Awaited<ReturnType<typeof startKvkMock>>;
  let kvk: ReturnType<typeof createKvkConnector>;
  beforeAll(async () => {
    mock = await startKvkMock();
    kvk = createKvkConnector({ url: `${mock.url}/api`, apiKey: KVK_API_KEY, timeoutMs: 1000, backoffMs: 1 });
  });
  afterAll(async () => {
    expect(mock.violations).toEqual([]);
    await mock.close();
  });

  it('searches by KvK-nummer, name and postcode + huisnummer', async () => {
    expect((await kvk.zoek({ type: 'kvkNummer', kvkNummer: '90001234' })).items[0]).toMatchObject({
      naam: 'Bakkerij De Korenschoof B.V.',
      type: 'hoofdvestiging',
      actief: true,
      adresregels: ['Korenmarkt 12', '3511AB Utrecht'],
    });
    expect((await kvk.zoek({ type: 'naam', naam: 'fietsen' })).items.map((o) => o.kvkNummer)).toEqual([
      '90005678',
    ]);
    expect((await kvk.zoek({ type: 'adres', postcode: '1235 ef', huisnummer: 118 })).items).toHaveLength(1);
    expect(await kvk.zoek({ type: 'naam', naam: 'bestaat niet' })).toEqual({
      items: [],
      maximumBereikt: false,
    });
    expect(mock.requests.every((r) => r.headers.apikey === KVK_API_KEY)).toBe(true);
  });

  it('reads the basisprofiel with RSIN and SBI activities', async () => {
    expect(await kvk.basisprofiel('90001234')).toMatchObject({
      soort: 'organisatie',
      rsin: '850000026',
      rechtsvorm: 'Besloten Vennootschap',
      registratiedatum: '2009-05-01',
      sbiActiviteiten: ['1071 - Vervaardiging van brood en vers banketbakkerswerk'],
    });
    expect(await kvk.basisprofiel('12345678')).toBeUndefined();
    await expect(kvk.basisprofiel('123')).rejects.toMatchObject({ field: 'kvkNummer' });
  });
});
