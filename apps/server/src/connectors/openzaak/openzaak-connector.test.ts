import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPENZAAK_CLIENT_ID,
  OPENZAAK_SECRET,
  startOpenZaakMock,
} from '../../../test-support/connectors/register-mocks';
import type { SpecMockServer } from '../../../test-support/connectors/spec-mock-server';
import { mintZgwJwt, verifyHs256 } from './jwt';
import { createOpenZaakConnector } from './openzaak-connector';

describe('Open Zaak connector against mocks generated from zaken-v1.yaml and catalogi-v1.yaml', () => {
  let mock: SpecMockServer;
  let zaken: ReturnType<typeof createOpenZaakConnector>;
  beforeAll(async () => {
    mock = await startOpenZaakMock();
    zaken = createOpenZaakConnector({
      url: mock.url,
      clientId: OPENZAAK_CLIENT_ID,
      secret: OPENZAAK_SECRET,
      timeoutMs: 1000,
      backoffMs: 1,
    });
  });
  afterAll(async () => {
    expect(mock.violations).toEqual([]);
    await mock.close();
  });

  it('mints an HS256 JWT with the ZGW claims (jose)', async () => {
    const token = await mintZgwJwt({
      clientId: 'c',
      secret: 's3cret',
      userId: 'u',
      userRepresentation: 'U',
      now: new Date(1_700_000_000_000),
    });
    expect(await verifyHs256(token, 's3cret')).toEqual({
      iss: 'c',
      iat: 1_700_000_000,
      client_id: 'c',
      user_id: 'u',
      user_representation: 'U',
    });
    expect(await verifyHs256(token, 'wrong')).toBeUndefined();
  });

  it('finds the lopende zaken of a person by BSN with status text, behandelaar, deadline and documents', async () => {
    const list = await zaken.zakenVanPersoon('999993653');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      identificatie: 'ZAAK-2026-0001231',
      zaaktype: 'Bezwaar WOZ-beschikking',
      status: {
        omschrijving: 'In behandeling',
        statustekst: 'Uw bezwaar wordt beoordeeld door een taxateur.',
        isEindstatus: false,
      },
      behandelaar: 'Team Belastingen, R. Smit',
      termijnVerstreken: true,
    });
    expect(list[0]!.documenten.map((d) => d.titel)).toEqual([
      'Bezwaarschrift WOZ 2026',
      'Ontvangstbevestiging',
    ]);
    const listCall = mock.requests.find((r) => r.url.startsWith('/zaken/api/v1/zaken?'))!;
    const q = new URL(listCall.url, 'http://x').searchParams;
    expect(q.get('rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn')).toBe('999993653');
    expect(q.get('ordering')).toBe('-startdatum');
    expect(listCall.headers['accept-crs']).toBe('EPSG:4326');
  });

  it('finds zaken of an organisation by RSIN and caches Catalogi lookups', async () => {
    const list = await zaken.zakenVanOrganisatie({ rsin: '850000026' });
    expect(list.map((z) => z.identificatie)).toEqual(['ZAAK-2026-0000981']);
    expect(list[0]!.termijnVerstreken).toBe(true);
    const zaaktypeCalls = () => mock.requests.filter((r) => r.url.includes('/zaaktypen/')).length;
    const before = zaaktypeCalls();
    await zaken.zakenVanOrganisatie({ rsin: '850000026' });
    expect(zaaktypeCalls()).toBe(before);
    await expect(zaken.zakenVanOrganisatie({ kvkNummer: '90001234' })).rejects.toMatchObject({
      field: 'rsin',
    });
  });

  it('reads one zaak, and answers undefined for an unknown one', async () => {
    expect((await zaken.getZaak('d3e5a7b9-2c4e-4f6a-9b8c-0d1e2f3a4b53'))?.omschrijving).toBe(
      'Melding losliggende stoeptegels Kerkstraat',
    );
    expect(await zaken.getZaak('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
