import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KlantbeeldResponse, PartijSearchResponse } from '@kcc/contracts/rest';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';
import { heeftToevoeging, onderscheidVan, parseAdresZoekvraag } from './onderscheid';

describe('parseAdresZoekvraag', () => {
  it('reads a postcode with a house number in the ways people type them', () => {
    expect(parseAdresZoekvraag('1234 AB 12')).toEqual({ postcode: '1234AB', huisnummer: 12 });
    expect(parseAdresZoekvraag('1234ab 12')).toEqual({ postcode: '1234AB', huisnummer: 12 });
    expect(parseAdresZoekvraag(' 1234AB12 ')).toEqual({ postcode: '1234AB', huisnummer: 12 });
    expect(parseAdresZoekvraag('1234AB 12a')).toEqual({
      postcode: '1234AB',
      huisnummer: 12,
      toevoeging: 'a',
    });
    expect(parseAdresZoekvraag('1234 AB, 12 A')).toEqual({
      postcode: '1234AB',
      huisnummer: 12,
      toevoeging: 'a',
    });
    expect(parseAdresZoekvraag('1234 AB 12-2')).toEqual({
      postcode: '1234AB',
      huisnummer: 12,
      toevoeging: '2',
    });
  });
  it('leaves names, phone numbers and half addresses to the klantregister search', () => {
    for (const q of ['Jansen', '0201234567', '1234 AB', '0234 AB 12', '1234 AB 0', 'Kerkstraat 17'])
      expect(parseAdresZoekvraag(q)).toBeUndefined();
  });
  it('matches a huisletter or toevoeging against the BRP address line', () => {
    const vraag = { postcode: '1234AB', huisnummer: 12, toevoeging: 'a' };
    expect(heeftToevoeging('Dorpsstraat 12 A', vraag)).toBe(true);
    expect(heeftToevoeging('Dorpsstraat 12a', vraag)).toBe(true);
    expect(heeftToevoeging('Dorpsstraat 12', vraag)).toBe(false);
    expect(heeftToevoeging('Dorpsstraat 12-2', { ...vraag, toevoeging: '2' })).toBe(true);
    expect(heeftToevoeging('Dorpsstraat 12', { postcode: '1234AB', huisnummer: 12 })).toBe(true);
  });
  it('keeps year of birth, street and woonplaats only', () => {
    expect(
      onderscheidVan({
        geboortedatum: '1961-11-02',
        adresregels: ['Kerkstraat 17', '1234 CD  VOORBEELDSTAD'],
      }),
    ).toEqual({ geboortejaar: 1961, straat: 'Kerkstraat', woonplaats: 'Voorbeeldstad' });
    expect(onderscheidVan({ adresregels: [] })).toEqual({});
  });
});

/** The demo registers: Pieter Jan (1961) and Lotte (1995) van den Berg share 0201234567 and Kerkstraat 17. */
describe("telling residents apart in the contact's klant zoeken", () => {
  let server: TestServer;
  let token: string;
  let anna: AgentClient;
  let contactId: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.login('anna');
    anna = await server.connectAgent(token);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'telefoon', externalId: 'zoek-1', from: { phone: '0201234567' } });
    const offer = await offered;
    await anna.emitWithAck('offer:accept', { offerId: offer.offerId });
    contactId = offer.contact.id;
  });
  afterAll(() => server.stop());

  const get = async <T>(path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: bearer(token) });
    return { status: res.status, body: (await res.json()) as T, text: '' };
  };
  const brpLines = () =>
    server.db
      .prepare(
        `SELECT a.doel AS doel, a.contact_id AS contactId, a.gegevensbron AS bron, o.soorten_gegevens AS soorten
         FROM audit_verwerkte_objecten o JOIN audit_verwerkingsacties a ON a.seq = o.actie_seq
         WHERE a.gegevensbron = 'brp' ORDER BY o.seq`,
      )
      .all() as { doel: string; contactId: string; bron: string; soorten: string }[];

  it('shows the two kandidaten on one number with year of birth, street and woonplaats, logged for the contact', async () => {
    const before = brpLines().length;
    const { body } = await get<KlantbeeldResponse>(`/api/contacts/${contactId}/klantbeeld`);
    expect(body.kandidaten.map((k) => [k.naam, k.onderscheid]).sort()).toEqual([
      ['Lotte van den Berg', { geboortejaar: 1995, straat: 'Kerkstraat', woonplaats: 'Voorbeeldstad' }],
      ['Pieter van den Berg', { geboortejaar: 1961, straat: 'Kerkstraat', woonplaats: 'Voorbeeldstad' }],
    ]);
    // The verification answers (birth date, postcode, house number) are not in it.
    const json = JSON.stringify(body.kandidaten);
    for (const answer of ['1961-11-02', '1995-06-30', '1234CD', '1234 CD', 'Kerkstraat 17'])
      expect(json).not.toContain(answer);
    const lines = brpLines().slice(before);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatchObject({ doel: `contact:${contactId}`, contactId });
  });

  it("finds residents by postcode and huisnummer from the contact's search box, with a purpose and a log line each", async () => {
    const before = brpLines().length;
    for (const q of ['1234 CD 17', '1234cd17']) {
      const { status, body } = await get<PartijSearchResponse>(
        `/api/partijen?${new URLSearchParams({ q, contactId })}`,
      );
      expect(status).toBe(200);
      expect(body.items.map((p) => `${p.naam} (${p.onderscheid?.geboortejaar})`)).toEqual([
        'Pieter van den Berg (1961)',
        'Lotte van den Berg (1995)',
      ]);
    }
    expect(
      brpLines()
        .slice(before)
        .every((l) => l.doel === `contact:${contactId}`),
    ).toBe(true);
    expect(brpLines().length - before).toBe(4);
    // A huisletter nobody has there finds nobody.
    const letter = await get<PartijSearchResponse>(
      `/api/partijen?${new URLSearchParams({ q: '1234 CD 17b', contactId })}`,
    );
    expect(letter.body.items).toEqual([]);
    // A name search gets the same onderscheid.
    const naam = await get<PartijSearchResponse>(
      `/api/partijen?${new URLSearchParams({ q: 'Berg', contactId })}`,
    );
    expect(naam.body.items.every((p) => p.onderscheid?.geboortejaar !== undefined)).toBe(true);
  });

  it("refuses an address search without a purpose, and a purpose that is not the agent's", async () => {
    const zonder = await get<{ invalidParams: { name: string }[] }>(
      `/api/partijen?q=${encodeURIComponent('1234 CD 17')}`,
    );
    expect(zonder.status).toBe(400);
    expect(zonder.body.invalidParams[0]?.name).toBe('query.doel');
    const bram = await server.login('bram');
    const res = await fetch(
      `${server.url}/api/partijen?${new URLSearchParams({ q: '1234 CD 17', contactId })}`,
      {
        headers: bearer(bram),
      },
    );
    expect(res.status).toBe(403);
    // With a stated doel it works without a contact.
    const doel = await get<PartijSearchResponse>(
      `/api/partijen?${new URLSearchParams({ q: '1234 CD 17', doel: 'klantvraag_zonder_contact' })}`,
    );
    expect(doel.body.items).toHaveLength(2);
  });
});
