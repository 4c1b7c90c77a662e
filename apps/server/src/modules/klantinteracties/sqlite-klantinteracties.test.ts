import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeRows } from '../../../test-support/store-rows';
import { RegistrationError, TRANSCRIPT_BIJLAGE, type MedewerkerRef, type RegisterInput } from './ports';
import { DEMO_AFDELINGEN, DEMO_ORGANISATIE, DEMO_RESIDENTS } from './seed-demo';
import {
  createTestKlantinteracties,
  tableCounts,
  type TestKlantinteracties,
} from '../../../test-support/klantinteracties/test-support';
import { describeEachStore } from '../../../test-support/each-store';
import { GESPREKSRESULTATEN_SEED } from './gespreksresultaten';

/** Newer than every demo klantcontact, so registrations come first in "newest first" lists. */
const AT = new Date(Date.now() + 60_000);
const UNKNOWN = '6f1d1f0e-3b5a-4c1e-9a57-2f0d6f9a1b2c';
const anna: MedewerkerRef = { userId: 'user-anna', username: 'anna', name: 'Anna de Vries' };
const nieuw: MedewerkerRef = { userId: 'user-noor', username: 'noor', name: 'Noor Hendriks' };

describeEachStore('Klantinteracties port', (stores) => {
  let t: TestKlantinteracties;
  beforeEach(async () => {
    t = await createTestKlantinteracties({ stores });
  });
  afterEach(async () => {
    await t.close();
  });

  const fatimaBsn = DEMO_RESIDENTS[0]!.bsn;
  const port = () => t.ki.port;
  const fatima = async () => (await port().recognise({ bsn: fatimaBsn })).partij!;

  function registration(
    overrides: Partial<RegisterInput['request']> = {},
    contact: Partial<RegisterInput['contact']> = {},
  ): RegisterInput {
    return {
      contact: { id: 'contact-1', channel: 'telefoon', from: { phone: '+31 6 12345678' }, ...contact },
      medewerker: nieuw,
      at: AT,
      request: {
        onderwerp: 'Afvalpas',
        inhoud: 'Pas kwijt',
        reactie: 'Nieuwe pas aangevraagd',
        gespreksresultaat: 'zelfstandig_afgehandeld',
        ...overrides,
      },
    };
  }

  describe('klantherkenning (recognise)', () => {
    it('recognises a resident by every notation of their phone number', async () => {
      for (const phone of [
        '0612345678',
        '06-12345678',
        '06 12 34 56 78',
        '+31612345678',
        '+31 6 12345678',
        '+31 (0)6 1234 5678',
        '0031612345678',
      ]) {
        const r = await port().recognise({ phone });
        expect(r.herkenning, phone).toBe('telefoon');
        expect(r.partij?.bsn, phone).toBe(fatimaBsn);
        expect(r.kandidaten).toEqual([]);
      }
    });

    it('recognises a foreign number and an organisation', async () => {
      expect((await port().recognise({ phone: '0032 470 12 34 56' })).partij?.naam).toBe('Mehmet Yilmaz');
      const org = await port().recognise({ phone: '030-1234567' });
      expect(org.partij).toMatchObject({
        soortPartij: 'organisatie',
        naam: DEMO_ORGANISATIE.naam,
        kvkNummer: DEMO_ORGANISATIE.kvkNummer,
      });
    });

    it('recognises by e-mail address, case-insensitively', async () => {
      const r = await port().recognise({ email: 'Fatima.ElAmrani@Example.COM' });
      expect(r.herkenning).toBe('email');
      expect(r.partij?.bsn).toBe(fatimaBsn);
    });

    it('recognises by BSN first, even when the phone number belongs to someone else', async () => {
      const r = await port().recognise({ bsn: DEMO_RESIDENTS[3]!.bsn, phone: '0612345678' });
      expect(r.herkenning).toBe('bsn');
      expect(r.partij?.naam).toBe('Sanne Visser');
    });

    it('returns kandidaten (and no partij) when several partijen share a number', async () => {
      const r = await port().recognise({ phone: '+31 20 123 4567' });
      expect(r.herkenning).toBe('onbekend');
      expect(r.partij).toBeUndefined();
      expect(r.kandidaten.map((k) => k.naam).sort()).toEqual(['Lotte van den Berg', 'Pieter van den Berg']);
    });

    it('falls back to phone and e-mail when the BSN is unknown, and answers onbekend when nothing matches', async () => {
      expect(
        (await port().recognise({ bsn: '999993847', email: 'sanne.visser@example.com' })).partij?.naam,
      ).toBe('Sanne Visser');
      expect(await port().recognise({ phone: '0699999999', email: 'niemand@example.com' })).toEqual({
        herkenning: 'onbekend',
        kandidaten: [],
      });
      expect(await port().recognise({ phone: 'anoniem' })).toEqual({
        herkenning: 'onbekend',
        kandidaten: [],
      });
      expect(await port().recognise({})).toEqual({ herkenning: 'onbekend', kandidaten: [] });
    });
  });

  describe('register', () => {
    it('creates klantcontact, betrokkene, onderwerpobject, actorklantcontact and interne taak in one go', async () => {
      const before = await tableCounts(t.store);
      const belastingen = (await port().afdelingen()).find((a) => a.naam === 'Belastingen')!;
      const zaak = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
      const res = await port().register(
        registration({
          partij: { uuid: (await fatima()).uuid },
          zaak: { uuid: zaak },
          gespreksresultaat: 'contactverzoek_gemaakt',
          interneTaak: {
            gevraagdeHandeling: 'Terugbellen over aanslag',
            toelichting: 'Na 16 uur',
            actor: { uuid: belastingen.actorUuid },
          },
        }),
      );
      expect(res.klantcontact.url).toBe(
        `http://127.0.0.1:4700/klantinteracties/api/v1/klantcontacten/${res.klantcontact.uuid}`,
      );
      expect(res.interneTaak?.uuid).toBeDefined();

      const after = await tableCounts(t.store);
      expect(after.ki_klantcontacten).toBe(before.ki_klantcontacten! + 1);
      expect(after.ki_betrokkenen).toBe(before.ki_betrokkenen! + 1);
      expect(after.ki_onderwerpobjecten).toBe(before.ki_onderwerpobjecten! + 1);
      expect(after.ki_actorklantcontacten).toBe(before.ki_actorklantcontacten! + 1);
      expect(after.ki_interne_taken).toBe(before.ki_interne_taken! + 1);
      expect(after.ki_actoren).toBe(before.ki_actoren! + 1); // the new medewerker's actor

      // Readable through the Klantinteracties-compatible API exactly like Open Klant (validated against the spec).
      const kc = await t.call(
        'GET',
        `/klantcontacten/${res.klantcontact.uuid}?expand=hadBetrokkenen,gingOverOnderwerpobjecten,leiddeTotInterneTaken`,
      );
      expect(kc.body).toMatchObject({
        kanaal: 'telefoon',
        onderwerp: 'Afvalpas',
        inhoud: 'Pas kwijt',
        reactie: 'Nieuwe pas aangevraagd',
        taal: 'nld',
        vertrouwelijk: false,
        indicatieContactGelukt: true,
        plaatsgevondenOp: AT.toISOString(),
        metadata: { gespreksresultaat: 'contactverzoek_gemaakt', kccContactId: 'contact-1' },
      });
      expect(kc.body.hadBetrokkenActoren).toEqual([
        expect.objectContaining({
          naam: 'Noor Hendriks',
          soortActor: 'medewerker',
          actoridentificator: {
            codeObjecttype: 'mdw',
            codeRegister: 'handmatig',
            codeSoortObjectId: 'gebruikersnaam',
            objectId: 'noor',
          },
        }),
      ]);
      expect(kc.body._expand.hadBetrokkenen[0]).toMatchObject({
        wasPartij: { uuid: (await fatima()).uuid },
        rol: 'klant',
        initiator: true,
      });
      expect(kc.body._expand.gingOverOnderwerpobjecten[0].onderwerpobjectidentificator).toEqual({
        codeObjecttype: 'zaak',
        codeRegister: 'open-zaak',
        codeSoortObjectId: 'uuid',
        objectId: zaak,
      });
      expect(kc.body._expand.leiddeTotInterneTaken[0]).toMatchObject({
        uuid: res.interneTaak!.uuid,
        status: 'te_verwerken',
        gevraagdeHandeling: 'Terugbellen over aanslag',
        toegewezenAanActoren: [{ uuid: belastingen.actorUuid }],
        toegewezenAanActor: { uuid: belastingen.actorUuid },
      });

      expect((await port().klantcontactenVan((await fatima()).uuid, 10))[0]).toMatchObject({
        uuid: res.klantcontact.uuid,
        gespreksresultaat: 'Contactverzoek gemaakt',
        medewerker: 'Noor Hendriks',
      });
      expect((await port().openInterneTakenVanPartij((await fatima()).uuid)).map((x) => x.uuid)).toContain(
        res.interneTaak!.uuid,
      );
    });

    it('leaves nothing behind when the interne-taak actor does not exist', async () => {
      const before = await tableCounts(t.store);
      await expect(
        port().register(
          registration({
            partij: { uuid: (await fatima()).uuid },
            interneTaak: { gevraagdeHandeling: 'Bellen', actor: { uuid: UNKNOWN } },
          }),
        ),
      ).rejects.toThrow(RegistrationError);
      expect(await tableCounts(t.store)).toEqual(before);
    });

    it('rolls back the whole registration when a late step fails inside the transaction', async () => {
      const before = await tableCounts(t.store);
      // The last write of the registration fails (as a full disk or a constraint would): everything before it is undone.
      const db = t.store.kysely<unknown>();
      if (stores.dialect === 'sqlite') {
        await sql`CREATE TRIGGER fail_taak BEFORE INSERT ON ki_interne_taken BEGIN SELECT RAISE(ABORT, 'schijf vol'); END`.execute(
          db,
        );
      } else {
        await sql`CREATE FUNCTION fail_taak() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'schijf vol'; END $$`.execute(
          db,
        );
        await sql`CREATE TRIGGER fail_taak BEFORE INSERT ON ki_interne_taken FOR EACH ROW EXECUTE FUNCTION fail_taak()`.execute(
          db,
        );
      }
      await expect(
        port().register(registration({ interneTaak: { gevraagdeHandeling: 'Bellen' } })),
      ).rejects.toThrow(/schijf vol/);
      expect(await tableCounts(t.store)).toEqual(before);
    });

    it('refuses unknown gespreksresultaat and unknown partij with a RegistrationError naming the field', async () => {
      const err = async (fn: () => Promise<unknown>) => {
        try {
          await fn();
        } catch (e) {
          return e as RegistrationError;
        }
        throw new Error('expected an error');
      };
      expect(
        await err(() => port().register(registration({ gespreksresultaat: 'weet_niet' }))),
      ).toMatchObject({
        field: 'gespreksresultaat',
        code: 'does_not_exist',
      });
      expect(await err(() => port().register(registration({ partij: { uuid: UNKNOWN } })))).toMatchObject({
        field: 'partij.uuid',
        code: 'does_not_exist',
      });
    });

    it('marks a broken connection as not gelukt and uses the contact channel when no kanaal is given', async () => {
      const res = await port().register(
        registration({ gespreksresultaat: 'verbinding_verbroken' }, { channel: 'chat' }),
      );
      const kc = await t.call('GET', `/klantcontacten/${res.klantcontact.uuid}`);
      expect(kc.body.indicatieContactGelukt).toBe(false);
      expect(kc.body.kanaal).toBe('chat');
    });

    it('assigns an interne taak without actor to the registering medewerker', async () => {
      const res = await port().register(
        registration({ interneTaak: { gevraagdeHandeling: 'Zelf terugbellen' } }),
      );
      const mine = await port().openInterneTakenVanActoren([(await port().medewerkerActor(nieuw)).uuid]);
      expect(mine.map((x) => x.uuid)).toEqual([res.interneTaak!.uuid]);
      expect(mine[0]).toMatchObject({
        actoren: [{ naam: 'Noor Hendriks', soortActor: 'medewerker' }],
        klantcontact: { onderwerp: 'Afvalpas', kanaal: 'telefoon' },
      });
    });

    it('keeps the contact details of an anonymous caller on the betrokkene (not on a partij)', async () => {
      const res = await port().register(
        registration({}, { from: { phone: '+31 6 55544433', name: 'Mevrouw Peters' } }),
      );
      const kc = await t.call(
        'GET',
        `/klantcontacten/${res.klantcontact.uuid}?expand=hadBetrokkenen.digitaleAdressen`,
      );
      const betrokkene = kc.body._expand.hadBetrokkenen[0];
      expect(betrokkene.wasPartij).toBeNull();
      expect(betrokkene.volledigeNaam).toBe('Mevrouw Peters');
      expect(betrokkene._expand.digitaleAdressen[0]).toMatchObject({
        adres: '0655544433',
        soortDigitaalAdres: 'telefoonnummer',
      });
      expect((await port().recognise({ phone: '0655544433' })).herkenning).toBe('onbekend');
    });

    it('registers several questions of one contact as separate klantcontacten', async () => {
      const a = await port().register(
        registration({ onderwerp: 'Vraag 1', partij: { uuid: (await fatima()).uuid } }),
      );
      const b = await port().register(
        registration({ onderwerp: 'Vraag 2', partij: { uuid: (await fatima()).uuid } }),
      );
      expect(a.klantcontact.uuid).not.toBe(b.klantcontact.uuid);
      const onderwerpen = (await port().klantcontactenVan((await fatima()).uuid, 10)).map((k) => k.onderwerp);
      expect(onderwerpen).toEqual(expect.arrayContaining(['Vraag 1', 'Vraag 2']));
    });
  });

  describe('transcript as bijlage (linkTranscript)', () => {
    it('adds the transcript as a Bijlage of the klantcontact, once, also when linked again', async () => {
      const a = await port().register(
        registration({ onderwerp: 'Vraag 1' }, { id: 'chat-7', channel: 'chat' }),
      );
      const b = await port().register(
        registration({ onderwerp: 'Vraag 2' }, { id: 'chat-7', channel: 'chat' }),
      );
      const first = await port().linkTranscript!(a.klantcontact.uuid, 'chat-7');
      expect(await port().linkTranscript!(a.klantcontact.uuid, 'chat-7')).toEqual(first);
      // Each klantcontact of the contact gets its own bijlage pointing to the same transcript.
      const second = await port().linkTranscript!(b.klantcontact.uuid, 'chat-7');
      expect(second.bijlageUuid).not.toBe(first.bijlageUuid);

      const kc = await t.call('GET', `/klantcontacten/${a.klantcontact.uuid}?expand=omvatteBijlagen`);
      expect(kc.body.omvatteBijlagen).toEqual([{ uuid: first.bijlageUuid, url: expect.any(String) }]);
      expect(kc.body._expand.omvatteBijlagen[0].bijlageidentificator).toEqual({
        ...TRANSCRIPT_BIJLAGE,
        objectId: 'chat-7',
      });
      const all = await t.call(
        'GET',
        '/bijlagen?bijlageidentificatorCodeRegister=kcc&bijlageidentificatorCodeObjecttype=transcript&bijlageidentificatorObjectId=chat-7',
      );
      expect(all.body.count).toBe(2);
    });

    it('rolls back with the caller when the klantcontact does not exist', async () => {
      const before = await tableCounts(t.store);
      await expect(port().linkTranscript!(UNKNOWN, 'chat-8')).rejects.toThrow();
      await expect(port().linkTranscript!(UNKNOWN, 'x'.repeat(201))).rejects.toThrow(RegistrationError);
      expect(await tableCounts(t.store)).toEqual(before);
    });
  });

  describe('partijen through the port', () => {
    it('creates a persoon with BSN, phone (canonical) and e-mail, then recognises it', async () => {
      const p = await port().createPersoon({
        voornaam: 'Ria',
        achternaam: 'Vos',
        telefoonnummer: '+31 6 1111 2222',
        email: 'ria@example.com',
        bsn: '999993847',
      });
      expect(p).toMatchObject({ soortPartij: 'persoon', naam: 'Ria Vos', bsn: '999993847' });
      expect(p.digitaleAdressen.map((d) => d.adres).sort()).toEqual(['0611112222', 'ria@example.com']);
      expect((await port().recognise({ phone: '06-11112222' })).partij?.uuid).toBe(p.uuid);
      expect((await port().getPartij(p.uuid))?.naam).toBe('Ria Vos');
    });

    it('refuses an invalid or duplicate BSN and an invalid phone number with a RegistrationError, creating nothing', async () => {
      const before = await tableCounts(t.store);
      await expect(port().createPersoon({ achternaam: 'Vos', bsn: '123456789' })).rejects.toThrow(
        RegistrationError,
      );
      await expect(port().createPersoon({ achternaam: 'Vos', bsn: fatimaBsn })).rejects.toThrow(
        RegistrationError,
      );
      await expect(
        port().createPersoon({ achternaam: 'Vos', telefoonnummer: '0900-1234567' }),
      ).rejects.toThrow(RegistrationError);
      expect(await tableCounts(t.store)).toEqual(before);
    });

    it('searches partijen by name, BSN, KvK-nummer, phone and e-mail', async () => {
      expect((await port().searchPartijen('berg', 10)).map((p) => p.naam).sort()).toEqual([
        'Lotte van den Berg',
        'Pieter van den Berg',
      ]);
      expect((await port().searchPartijen(fatimaBsn, 10)).map((p) => p.bsn)).toEqual([fatimaBsn]);
      expect((await port().searchPartijen(DEMO_ORGANISATIE.kvkNummer, 10))[0]?.naam).toBe(
        DEMO_ORGANISATIE.naam,
      );
      expect((await port().searchPartijen('+31 6 87654321', 10))[0]?.naam).toBe('Sanne Visser');
      expect((await port().searchPartijen('SANNE.visser@example.com', 10))[0]?.naam).toBe('Sanne Visser');
      expect(await port().searchPartijen('   ', 10)).toEqual([]);
      expect(await port().searchPartijen('%', 10)).toEqual([]);
      expect(await port().searchPartijen('e', 2)).toHaveLength(2);
    });
  });

  describe('managed lists, medewerkers and demo data', () => {
    it('lists the seeded gespreksresultaten and afdelingen', async () => {
      expect(await port().gespreksresultaten()).toEqual(
        GESPREKSRESULTATEN_SEED.map((g) => ({ code: g.code, naam: g.naam, actief: true })),
      );
      const afdelingen = await port().afdelingen();
      expect(afdelingen.map((a) => a.naam).sort()).toEqual(DEMO_AFDELINGEN.map((a) => a.naam).sort());
      expect(afdelingen.find((a) => a.naam === 'Burgerzaken')).toMatchObject({
        omschrijving: expect.stringContaining('Paspoort'),
        emailadres: 'burgerzaken@voorbeeldgemeente.example',
        telefoonnummer: '0201110001',
      });
    });

    it('ensureMedewerker is idempotent and keeps the name up to date', async () => {
      const a = await t.ki.ensureMedewerker(nieuw);
      const b = await t.ki.ensureMedewerker({ ...nieuw, name: 'Noor Hendriks-Bos' });
      expect(b.actorUuid).toBe(a.actorUuid);
      const [row] = await storeRows(
        t.store,
        sql<{ naam: string }>`SELECT naam FROM ki_actoren WHERE uuid = ${a.actorUuid}`,
      );
      expect(row?.naam).toBe('Noor Hendriks-Bos');
    });

    it('seeds demo data once: a second seedDemo changes nothing', async () => {
      const before = await tableCounts(t.store);
      await t.ki.seedDemo();
      expect(await tableCounts(t.store)).toEqual(before);
      expect(before.ki_partijen).toBe(DEMO_RESIDENTS.length + 1);
    });

    it('has open interne taken in the demo data, one of them for demo user anna', async () => {
      const mine = await port().openInterneTakenVanActoren([(await port().medewerkerActor(anna)).uuid]);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.partij?.naam).toBe('Mehmet Yilmaz');
      expect((await port().openInterneTakenVanPartij((await fatima()).uuid))[0]?.toegewezenAan).toEqual([
        'Belastingen',
      ]);
    });

    it('starts empty without the demo seed, apart from the gespreksresultaten', async () => {
      const empty = await createTestKlantinteracties({ seed: false, stores });
      try {
        const counts = await tableCounts(empty.store);
        expect(counts.ki_gespreksresultaten).toBe(8);
        expect(counts.ki_partijen).toBe(0);
        expect(await empty.ki.port.afdelingen()).toEqual([]);
        const list = await empty.call('GET', '/klantcontacten');
        expect(list.body).toEqual({ count: 0, next: null, previous: null, results: [] });
      } finally {
        await empty.close();
      }
    });
  });

  describe('klantcontactPartijen (the verwerkingenlog of API reads)', () => {
    it('finds the partij behind each klantcontact through its betrokkene, each partij once', async () => {
      const partij = (await fatima()).uuid;
      const first = (await port().register(registration({ partij: { uuid: partij } }))).klantcontact.uuid;
      const second = (await port().register(registration({ partij: { uuid: partij } }, { id: 'contact-2' })))
        .klantcontact.uuid;
      const anonymous = (await port().register(registration({}, { id: 'contact-3', from: {} }))).klantcontact
        .uuid;
      expect(await t.ki.klantcontactPartijen([first, second])).toEqual([partij]);
      expect(await t.ki.klantcontactPartijen([anonymous, UNKNOWN])).toEqual([]);
      expect(await t.ki.klantcontactPartijen([])).toEqual([]);
    });
  });
});
