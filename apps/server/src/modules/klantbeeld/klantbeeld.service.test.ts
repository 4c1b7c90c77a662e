import { describe, expect, it, vi } from 'vitest';
import type { InterneTaakView, KlantcontactView, PartijView } from '@kcc/contracts/rest';
import { createEmbeddedBrp } from './embedded-brp';
import { createEmbeddedKvk } from './embedded-kvk';
import { createEmbeddedZaken } from './embedded-zaken';
import { KlantbeeldService, signalen } from './klantbeeld.service';
import type { KlantinteractiesReader, Registers } from './ports';

const NOW = new Date('2026-08-20T10:00:00Z');
const DAY = 24 * 3600 * 1000;
const fatima: PartijView = {
  uuid: '0b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11',
  soortPartij: 'persoon',
  naam: 'Fatima El Amrani',
  bsn: '999993653',
  digitaleAdressen: [
    {
      uuid: '1b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11',
      soortDigitaalAdres: 'email',
      adres: 'f@example.com',
      isStandaardAdres: true,
    },
    {
      uuid: '2b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11',
      soortDigitaalAdres: 'telefoonnummer',
      adres: '0612345678',
      isStandaardAdres: true,
    },
  ],
};
const kc = (onderwerp: string, daysAgo: number, kanaal = 'telefoon'): KlantcontactView => ({
  uuid: `3b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a${String(daysAgo).padStart(2, '0')}`,
  kanaal,
  onderwerp,
  inhoud: '',
  plaatsgevondenOp: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
});
const taak: InterneTaakView = {
  uuid: '4b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11',
  gevraagdeHandeling: 'Terugbellen over taxatieverslag WOZ',
  status: 'te_verwerken',
  toegewezenOp: new Date(NOW.getTime() - 3 * DAY).toISOString(),
  toegewezenAan: ['Belastingen'],
  klantcontact: { uuid: kc('x', 3).uuid, onderwerp: 'Bezwaar WOZ-waarde', kanaal: 'email' },
};

function reader(over: Partial<KlantinteractiesReader> = {}): KlantinteractiesReader {
  return {
    bron: 'embedded',
    recognise: async () => ({ herkenning: 'onbekend', kandidaten: [] }),
    getPartij: async () => fatima,
    partijMetIdentificator: async () => fatima,
    klantcontactenVan: async () => [kc('Bezwaar WOZ-waarde', 3, 'email'), kc('Afvalpas kwijt', 21)],
    openInterneTakenVanPartij: async () => [taak],
    ...over,
  };
}

function registers(over: Partial<Registers> = {}): Registers {
  return {
    zaken: createEmbeddedZaken(() => NOW),
    brp: createEmbeddedBrp(),
    kvk: createEmbeddedKvk(),
    klantinteracties: reader(),
    ...over,
  };
}
const doel = { doel: 'contact:c1', doelOmschrijving: 'Contact via telefoon' };

describe('KlantbeeldService', () => {
  it('composes identity, contact details, history, interne taken, zaken and signals', async () => {
    const k = await new KlantbeeldService(registers(), { now: () => NOW }).compose({
      partij: fatima,
      ...doel,
      onderwerp: 'Vraag over WOZ',
    });
    expect(k.identiteit).toMatchObject({
      status: 'beschikbaar',
      data: { soort: 'persoon', bsn: '999993653', gebruik: 'alleen ter verificatie' },
    });
    expect(k.contactgegevens).toMatchObject({
      status: 'beschikbaar',
      data: { voorkeurskanaal: 'telefoon', voorkeursadres: '0612345678' },
    });
    expect(k.klantcontacten).toMatchObject({
      status: 'beschikbaar',
      data: { kanalen: ['email', 'telefoon'] },
    });
    expect(k.zaken).toMatchObject({
      status: 'beschikbaar',
      data: { items: [{ identificatie: 'ZAAK-2026-0001231', termijnVerstreken: true }] },
    });
    expect(k.signalen.map((s) => s.soort).sort()).toEqual([
      'open_terugbelverzoek',
      'recent_contact_zelfde_onderwerp',
      'zaak_termijn_verstreken',
    ]);
    expect(k.verantwoording.bronnen.map((b) => `${b.register}:${b.status}`)).toEqual([
      'brp:beschikbaar',
      'klantinteracties:beschikbaar',
      'kvk:niet_van_toepassing',
      'zaken:beschikbaar',
    ]);
  });

  it('calls the registers in parallel: every call starts before any of them answers', async () => {
    const started: string[] = [];
    const gates: (() => void)[] = [];
    /** A register call that answers only when the test opens all gates. */
    const held =
      <T>(name: string, value: T) =>
      () => {
        started.push(name);
        return new Promise<T>((resolve) => gates.push(() => resolve(value)));
      };
    const slow = registers({
      brp: {
        bron: 'extern',
        zoek: async () => ({ items: [], maximumBereikt: false }),
        raadpleeg: held('brp', undefined),
      },
      zaken: {
        bron: 'extern',
        zakenVanPersoon: held('zaken', []),
        zakenVanOrganisatie: async () => [],
        getZaak: async () => undefined,
      },
      klantinteracties: reader({
        klantcontactenVan: held('klantcontacten', []),
        openInterneTakenVanPartij: held('taken', []),
      }),
    });
    const composing = new KlantbeeldService(slow, { now: () => NOW }).compose({ partij: fatima, ...doel });
    // Called one after another, the second call would wait for the first answer, which never comes before this.
    await vi.waitFor(() => expect(started.sort()).toEqual(['brp', 'klantcontacten', 'taken', 'zaken']), {
      timeout: 15_000,
    });
    for (const open of gates) open();
    const k = await composing;
    expect(k.klantcontacten.status).toBe('beschikbaar');
  });

  it('a failing or slow register yields "niet_beschikbaar" while the rest loads', async () => {
    const errors: string[] = [];
    const broken = registers({
      zaken: {
        bron: 'extern',
        zakenVanPersoon: () => Promise.reject(new Error('503')),
        zakenVanOrganisatie: async () => [],
        getZaak: async () => undefined,
      },
      brp: {
        bron: 'extern',
        zoek: async () => ({ items: [], maximumBereikt: false }),
        raadpleeg: () => new Promise<undefined>(() => undefined), // never answers: only the timeout ends it
      },
    });
    const k = await new KlantbeeldService(broken, {
      now: () => NOW,
      timeoutsMs: { brp: 100 },
      onRegisterError: (r) => errors.push(r),
    }).compose({
      partij: fatima,
      ...doel,
    });
    expect(k.zaken).toEqual({ status: 'niet_beschikbaar', melding: 'Zaken tijdelijk niet beschikbaar' });
    expect(k.identiteit).toEqual({
      status: 'niet_beschikbaar',
      melding: 'Gegevens uit de BRP tijdelijk niet beschikbaar',
    });
    expect(k.klantcontacten.status).toBe('beschikbaar');
    expect(errors.sort()).toEqual(['brp', 'zaken']);
    expect(k.signalen.some((s) => s.soort === 'zaak_termijn_verstreken')).toBe(false);
  });

  it('composes an organisation from the KvK basisprofiel and its zaken by RSIN', async () => {
    const k = await new KlantbeeldService(registers(), { now: () => NOW }).compose({
      kvkNummer: '90001234',
      ...doel,
    });
    expect(k.identiteit).toMatchObject({
      status: 'beschikbaar',
      data: { soort: 'organisatie', rsin: '850000026' },
    });
    expect(k.zaken).toMatchObject({
      status: 'beschikbaar',
      data: { items: [{ identificatie: 'ZAAK-2026-0000981' }] },
    });
    expect(k.contactgegevens.status).toBe('niet_van_toepassing');
  });

  it('signals only recent contacts (14 days) about the same subject or a lopende zaak', () => {
    const s = signalen({
      now: NOW,
      zaken: [],
      interneTaken: [],
      klantcontacten: [kc('Parkeervergunning', 20), kc('Parkeervergunning aanvragen', 2), kc('Afval', 1)],
      onderwerp: 'parkeervergunning',
    });
    expect(s).toHaveLength(1);
    expect(s[0]!.tekst).toContain('Parkeervergunning aanvragen');
  });
});
