import { describe, expect, it } from 'vitest';
import { subjectsOfResponse } from './ki-api-logging';

const P = '7b79f001-39fe-41e2-abfc-00e1a1f67331';
const Q = '2f0d6f9a-3b5a-4c1e-9a57-6f1d1f0e1b2c';
const none = () => [];

describe('the persons in a Klantinteracties API answer (verwerkingenlog of integration reads)', () => {
  it('finds the partij and BSN of a partij-identificator, in a list and on its own', () => {
    const pi = {
      uuid: 'x',
      identificeerdePartij: { uuid: P },
      partijIdentificator: {
        codeObjecttype: 'natuurlijk_persoon',
        codeSoortObjectId: 'bsn',
        objectId: '999993653',
        codeRegister: 'brp',
      },
    };
    for (const body of [pi, { count: 1, results: [pi] }]) {
      expect(subjectsOfResponse('partij-identificatoren', body, {}, none)).toEqual([
        { partijUuid: P, bsn: '999993653', betrokkenheid: 'Klant', soortenGegevens: ['identificatie'] },
      ]);
    }
  });

  it('finds the partijen of rekeningnummers and both sides of a vertegenwoordiging', () => {
    expect(
      subjectsOfResponse(
        'rekeningnummers',
        { partij: { uuid: P }, iban: 'NL91ABNA0417164300' },
        {},
        none,
      ).map((o) => o.partijUuid),
    ).toEqual([P]);
    expect(
      subjectsOfResponse(
        'vertegenwoordigingen',
        { results: [{ vertegenwoordigendePartij: { uuid: P }, vertegenwoordigdePartij: { uuid: Q } }] },
        {},
        none,
      ).map((o) => o.partijUuid),
    ).toEqual([P, Q]);
  });
});
