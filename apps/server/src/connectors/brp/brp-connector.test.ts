import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRP_FIELDS } from '../../modules/klantbeeld/ports';
import { RegisterInputError } from '../../modules/klantbeeld/ports';
import { BRP_API_KEY, startBrpMock } from '../../../test-support/connectors/register-mocks';
import type { SpecMockServer } from '../../../test-support/connectors/spec-mock-server';
import { createBrpConnector } from './brp-connector';

describe('BRP Personen 2.x connector against a mock generated from brp-personen-v2.yaml', () => {
  let mock: SpecMockServer;
  let brp: ReturnType<typeof createBrpConnector>;
  beforeAll(async () => {
    mock = await startBrpMock();
    brp = createBrpConnector({
      url: `${mock.url}/haalcentraal/api/brp`,
      apiKey: BRP_API_KEY,
      timeoutMs: 1000,
      backoffMs: 1,
    });
  });
  afterAll(async () => {
    expect(mock.violations).toEqual([]);
    await mock.close();
  });

  it('raadpleegt by BSN with only the verification fields, and shows geheimhouding', async () => {
    const p = await brp.raadpleeg('999993653');
    expect(p).toMatchObject({
      bsn: '999993653',
      naam: { volledigeNaam: 'Fatima El Amrani' },
      geboortedatum: '1984-03-12',
      adresregels: ['Lindelaan 4', '1234 AB  VOORBEELDSTAD'],
      geheimhouding: false,
      gebruik: 'alleen ter verificatie',
    });
    const last = mock.requests.at(-1)!;
    expect(last.headers['x-api-key']).toBe(BRP_API_KEY);
    expect((last.body as { fields: string[] }).fields).toEqual(BRP_FIELDS.verificatie);
    expect((await brp.raadpleeg('999996708'))?.geheimhouding).toBe(true);
    expect(await brp.raadpleeg('999998547')).toBeUndefined();
  });

  it('refuses a BSN that fails the 11-proef before calling the BRP', async () => {
    const before = mock.requests.length;
    await expect(brp.raadpleeg('123456789')).rejects.toBeInstanceOf(RegisterInputError);
    await expect(brp.zoek({ type: 'bsn', bsn: '12345678' })).rejects.toBeInstanceOf(RegisterInputError);
    expect(mock.requests.length).toBe(before);
  });

  it('searches by geslachtsnaam + geboortedatum (wildcard) and by postcode + huisnummer', async () => {
    const byName = await brp.zoek({ type: 'naam', geslachtsnaam: 'jans*', geboortedatum: '1970-07-07' });
    expect(byName.items.map((p) => p.volledigeNaam).sort()).toEqual(['Anouk Jansen', 'Kees Jansen']);
    expect(byName.maximumBereikt).toBe(false);
    const byAddress = await brp.zoek({ type: 'adres', postcode: '1234 cd', huisnummer: 17 });
    expect(byAddress.items.map((p) => p.bsn).sort()).toEqual(['999990627', '999991802']);
    const body = mock.requests.at(-1)!.body as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'ZoekMetPostcodeEnHuisnummer', postcode: '1234CD', huisnummer: 17 });
  });

  it('retries a 503 (the POST is a read) and maps a persistent outage to a ConnectorError', async () => {
    mock.setOutage(503);
    const before = mock.requests.length;
    await expect(brp.raadpleeg('999993653')).rejects.toMatchObject({ kind: 'server', register: 'brp' });
    expect(mock.requests.length - before).toBe(3);
    mock.setOutage(undefined);
  });
});
