import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKlantinteracties,
  type TestKlantinteracties,
} from '../../../test-support/klantinteracties/test-support';
import { describeEachStore } from '../../../test-support/each-store';

/** Bad input is refused with problem JSON, never a crash or a 500 (every response is also checked by `call`). */
describeEachStore('Klantinteracties API fuzzing', (stores) => {
  let t: TestKlantinteracties;
  beforeAll(async () => {
    t = await createTestKlantinteracties({ stores });
  });
  afterAll(async () => {
    await t.close();
  });

  const POSTS = [
    '/partijen',
    '/digitaleadressen',
    '/maak-klantcontact',
    '/klantcontacten',
    '/betrokkenen',
    '/onderwerpobjecten',
    '/internetaken',
    '/actoren',
    '/actorklantcontacten',
    '/bijlagen',
  ];

  /** JSON values that look a bit like the real bodies: the field names the API knows, with any values. */
  const fieldNames = fc.constantFrom(
    'soortPartij',
    'indicatieActief',
    'partijIdentificatie',
    'partijIdentificatoren',
    'adres',
    'soortDigitaalAdres',
    'klantcontact',
    'betrokkene',
    'onderwerpobject',
    'kanaal',
    'onderwerp',
    'taal',
    'vertrouwelijk',
    'metadata',
    'hadKlantcontact',
    'wasPartij',
    'rol',
    'initiator',
    'status',
    'gevraagdeHandeling',
    'aanleidinggevendKlantcontact',
    'toegewezenAanActoren',
    'naam',
    'soortActor',
    'actorIdentificatie',
    'actor',
    'wasBijlageVanKlantcontact',
    'bijlageidentificator',
    'objectId',
    'codeRegister',
    'uuid',
    '__proto__',
  );
  const leaf = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      'persoon',
      'telefoonnummer',
      'email',
      'medewerker',
      'te_verwerken',
      'klant',
      '+31612345678',
      'nld',
    ),
    fc.uuid(),
  );
  const body = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), fc.array(tie('value'), { maxLength: 3 })),
    object: fc.dictionary(fieldNames, tie('value'), { maxKeys: 6 }),
  })).object;

  describe('fuzzing the write endpoints', () => {
    it('answers 201 or 400 problem JSON for arbitrary bodies', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...POSTS), body, async (path, payload) => {
          const res = await t.call('POST', path, payload);
          expect([201, 400]).toContain(res.status);
        }),
        { numRuns: 300 },
      );
    });

    it('answers 200 or 400 for arbitrary PATCH bodies on an interne taak', async () => {
      const taak = (await t.call('GET', '/internetaken')).body.results[0].uuid as string;
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const res = await t.call('PATCH', `/internetaken/${taak}`, payload);
          expect([200, 400]).toContain(res.status);
        }),
        { numRuns: 150 },
      );
    });

    it('answers 200 or 400 for arbitrary PUT and PATCH bodies on a bijlage, and keeps it conformant', async () => {
      const kc = (await t.call('GET', '/klantcontacten')).body.results[0].uuid as string;
      const bijlage = await t.call('POST', '/bijlagen', { wasBijlageVanKlantcontact: { uuid: kc } });
      expect(bijlage.status).toBe(201);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('PUT' as const, 'PATCH' as const), body, async (method, payload) => {
          const res = await t.call(method, `/bijlagen/${bijlage.body.uuid}`, payload);
          expect([200, 400]).toContain(res.status);
        }),
        { numRuns: 150 },
      );
      // Whatever was accepted, the bijlage (and its klantcontact) still read back as the spec says.
      expect((await t.call('GET', `/bijlagen/${bijlage.body.uuid}`)).status).toBe(200);
      expect((await t.call('GET', `/klantcontacten/${kc}?expand=omvatteBijlagen`)).status).toBe(200);
    });

    it('answers 200, 400 or 404 for arbitrary query strings on the lists', async () => {
      const params = fc.dictionary(
        fc.constantFrom(
          'page',
          'pageSize',
          'expand',
          'kanaal',
          'status',
          'soortPartij',
          'adres',
          'hadBetrokkene__wasPartij__uuid',
          'isStandaardAdres',
          'plaatsgevondenOp',
          'klantcontact__uuid',
          'bijlageidentificatorObjectId',
        ),
        fc.string({ maxLength: 12 }),
        { maxKeys: 4 },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            '/klantcontacten',
            '/partijen',
            '/digitaleadressen',
            '/internetaken',
            '/actoren',
            '/bijlagen',
          ),
          params,
          async (path, q) => {
            const res = await t.call('GET', `${path}?${new URLSearchParams(q).toString()}`);
            expect([200, 400, 404]).toContain(res.status);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
