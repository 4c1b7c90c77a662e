import { describe, expect, it } from 'vitest';
import { toOutboxRegistratie } from '../../connectors/openklant/openklant-outbox';
import type { RegisterInput } from '../klantinteracties/ports';

describe('the identification level travels with the registration', () => {
  it('is in the klantcontact metadata of the Open Klant outbox payload', () => {
    const input: RegisterInput = {
      contact: { id: 'c1', channel: 'telefoon', from: {}, identificatieniveau: 'geverifieerd' },
      medewerker: { userId: 'user-anna', username: 'anna', name: 'Anna de Vries' },
      request: { onderwerp: 'Bezwaar WOZ', gespreksresultaat: 'zelfstandig_afgehandeld' },
      at: new Date('2026-08-20T10:00:00Z'),
    };
    const lokaal = { klantcontact: { uuid: '6f1d3c1e-3f4b-4c2a-9a51-6c1f0e2d3b4a', url: 'http://kcc/x' } };
    expect(toOutboxRegistratie(input, lokaal, {}).klantcontact.metadata).toEqual({
      gespreksresultaat: 'zelfstandig_afgehandeld',
      identificatieniveau: 'geverifieerd',
    });
    const { identificatieniveau: _n, ...zonder } = input.contact;
    expect(toOutboxRegistratie({ ...input, contact: zonder }, lokaal, {}).klantcontact.metadata).toEqual({
      gespreksresultaat: 'zelfstandig_afgehandeld',
    });
  });
});
