import { describe, expect, it } from 'vitest';
import { ZELFSTANDIG_AFGEHANDELD } from '@kcc/contracts/dashboard';
import { OnderwerpBreakdown, VRIJE_TEKST } from './report-onderwerpen';
import type { StoredRegistrationFact } from './report-registrations';

const reg = (
  klantcontactUuid: string,
  contactId: string,
  onderwerpId: string | null,
  extra: Partial<StoredRegistrationFact> = {},
): StoredRegistrationFact => ({
  klantcontactUuid,
  contactId,
  at: 0,
  partijUuid: 'p-1',
  onderwerpHash: 'h',
  onderwerpId,
  gespreksresultaat: ZELFSTANDIG_AFGEHANDELD,
  ...extra,
});

describe('OnderwerpBreakdown', () => {
  it('counts per onderwerp, free text in one row, contact figures once per onderwerp on the contact', () => {
    const b = new OnderwerpBreakdown();
    // Contact c1 had two questions: paspoort (resolved) and free text; c2 one paspoort question that came back.
    b.registration(reg('k1', 'c1', 'paspoort'), true);
    b.registration(reg('k2', 'c1', null, { gespreksresultaat: 'doorverbonden' }), true);
    b.registration(reg('k3', 'c2', 'paspoort'), false);
    b.registration(reg('k4', 'c3', 'rijbewijs', { partijUuid: null }), true);
    b.handled('c1', 300_000);
    b.handled('c1', 60_000); // a transfer: both parts are the contact's handle time
    b.handled('c2', 120_000);
    b.rated('c1', 5);
    b.rated('c2', 2);
    b.kanaalsturing('k1', true);
    b.kanaalsturing('k3', false);
    b.kanaalsturing('k-unknown', true); // a registration outside the range or the filters

    const rows = b.rows((id) => ({ paspoort: 'Paspoort', rijbewijs: 'Rijbewijs' })[id]);
    expect(rows.map((r) => r.naam)).toEqual(['Paspoort', 'Rijbewijs', VRIJE_TEKST]);
    expect(rows[0]).toEqual({
      onderwerpId: 'paspoort',
      naam: 'Paspoort',
      registraties: 2,
      contacten: 2,
      zelfstandigAfgehandeld: 2,
      firstContactResolved: 1,
      firstContactResolution: 0.5,
      ahtSeconds: (360 + 120) / 2,
      kanaalsturing: 2,
      primaryChannelShare: 0.5,
      csatCount: 2,
      csatAverage: 3.5,
    });
    // Without a partij, first-contact resolution cannot be judged.
    expect(rows[1]).toMatchObject({
      zelfstandigAfgehandeld: 1,
      firstContactResolution: null,
      ahtSeconds: null,
    });
    expect(rows[2]).toMatchObject({
      onderwerpId: null,
      registraties: 1,
      zelfstandigAfgehandeld: 0,
      ahtSeconds: 360,
      csatAverage: 5,
      kanaalsturing: 0,
    });
  });

  it('names an onderwerp the list no longer knows', () => {
    const b = new OnderwerpBreakdown();
    b.registration(reg('k1', 'c1', 'weg'), true);
    expect(b.rows(() => undefined)[0]?.naam).toBe('Onbekend onderwerp');
  });
});
