import { describe, expect, it } from 'vitest';
import { specValidator } from '../../../test-support/klantinteracties/test-support';

const uuid = '6f1d1f0e-3b5a-4c1e-9a57-2f0d6f9a1b2c';
const url = (c: string) => `http://127.0.0.1:4700/klantinteracties/api/v1/${c}/${uuid}`;
const klantcontact = {
  uuid,
  url: url('klantcontacten'),
  gingOverOnderwerpobjecten: [],
  hadBetrokkenActoren: [],
  omvatteBijlagen: [],
  hadBetrokkenen: [],
  leiddeTotInterneTaken: [],
  nummer: null,
  kanaal: 'telefoon',
  onderwerp: 'Afvalpas',
  taal: 'nld',
  vertrouwelijk: false,
  indicatieContactGelukt: null,
  plaatsgevondenOp: '2026-08-20T08:15:00.000Z',
};
const persoon = {
  uuid,
  url: url('partijen'),
  betrokkenen: [],
  categorieRelaties: [],
  vertegenwoordigden: [],
  soortPartij: 'persoon',
  indicatieActief: true,
  indicatieGeheimhouding: null,
  bezoekadres: null,
  partijIdentificatie: { contactnaam: { voornaam: 'Jan', achternaam: 'Jong' }, volledigeNaam: 'Jan Jong' },
};

describe('OAS response validator (klantinteracties-v1.yaml)', () => {
  const v = specValidator();

  it('accepts a conforming klantcontact and finds the schema by method, path and status', () => {
    const res = v.validateResponse(
      'GET',
      `/klantinteracties/api/v1/klantcontacten/${uuid}?expand=x`,
      200,
      klantcontact,
    );
    expect(res.errors).toEqual([]);
    expect(res.schema).toBe('GET /klantcontacten/{uuid} 200');
  });

  it('rejects a klantcontact without a required field, with a wrong type or a bad format', () => {
    const { kanaal: _kanaal, ...zonderKanaal } = klantcontact;
    expect(v.validateComponent('Klantcontact', zonderKanaal).valid).toBe(false);
    expect(v.validateComponent('Klantcontact', { ...klantcontact, vertrouwelijk: 'nee' }).valid).toBe(false);
    expect(v.validateComponent('Klantcontact', { ...klantcontact, plaatsgevondenOp: 'gisteren' }).valid).toBe(
      false,
    );
    expect(v.validateComponent('Klantcontact', { ...klantcontact, url: 'geen url' }).valid).toBe(false);
    expect(
      v.validateComponent('Klantcontact', { ...klantcontact, metadata: { a: 'x'.repeat(256) } }).valid,
    ).toBe(false);
  });

  it('handles nullable: null is accepted where the spec says nullable, refused elsewhere', () => {
    expect(v.validateComponent('Klantcontact', { ...klantcontact, indicatieContactGelukt: null }).valid).toBe(
      true,
    );
    expect(v.validateComponent('Klantcontact', { ...klantcontact, kanaal: null }).valid).toBe(false);
    // nullable next to allOf/$ref (Betrokkene.wasPartij)
    const betrokkene = {
      uuid,
      url: url('betrokkenen'),
      wasPartij: null,
      hadKlantcontact: { uuid, url: url('klantcontacten') },
      digitaleAdressen: [],
      volledigeNaam: '',
      rol: 'klant',
      initiator: true,
    };
    expect(v.validateComponent('Betrokkene', betrokkene).valid).toBe(true);
    expect(v.validateComponent('Betrokkene', { ...betrokkene, hadKlantcontact: null }).valid).toBe(false);
    expect(v.validateComponent('Betrokkene', { ...betrokkene, rol: 'baas' }).valid).toBe(false);
  });

  it('picks the polymorphic branch by discriminator (soortPartij / soortActor)', () => {
    expect(v.validateComponent('Partij', persoon).errors).toEqual([]);
    // A persoon's partijIdentificatie must have volledigeNaam (Persoon requires it); organisatie does not.
    const { volledigeNaam: _n, ...zonderNaam } = persoon.partijIdentificatie;
    expect(v.validateComponent('Partij', { ...persoon, partijIdentificatie: zonderNaam }).valid).toBe(false);
    expect(
      v.validateComponent('Partij', {
        ...persoon,
        soortPartij: 'organisatie',
        partijIdentificatie: { naam: 'X' },
      }).valid,
    ).toBe(true);
    expect(v.validateComponent('Partij', { ...persoon, soortPartij: 'alien' }).valid).toBe(false);

    const actor = {
      uuid,
      url: url('actoren'),
      naam: 'Anna',
      soortActor: 'medewerker',
      indicatieActief: true,
    };
    expect(v.validateComponent('Actor', actor).valid).toBe(true);
    expect(v.validateComponent('Actor', { ...actor, actorIdentificatie: { functie: 'KCC' } }).valid).toBe(
      false,
    );
    expect(
      v.validateComponent('Actor', {
        ...actor,
        actorIdentificatie: { functie: 'KCC', telefoonnummer: '0612345678' },
      }).valid,
    ).toBe(true);
  });

  it('validates a paginated list and refuses one without count', () => {
    const ok = v.validateResponse('GET', '/klantinteracties/api/v1/partijen', 200, {
      count: 1,
      next: null,
      previous: null,
      results: [persoon],
    });
    expect(ok.errors).toEqual([]);
    expect(v.validateResponse('GET', '/klantinteracties/api/v1/partijen', 200, { results: [] }).valid).toBe(
      false,
    );
  });

  it('reports paths, methods and statuses that the spec does not have', () => {
    expect(v.validateResponse('GET', '/klantinteracties/api/v1/onbekend', 200, {}).valid).toBe(false);
    expect(v.validateResponse('POST', `/klantinteracties/api/v1/klantcontacten/${uuid}`, 201, {}).valid).toBe(
      false,
    );
    expect(v.validateResponse('GET', '/klantinteracties/api/v1/klantcontacten', 418, {}).valid).toBe(false);
  });
});
