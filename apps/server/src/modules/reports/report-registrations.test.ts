import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { ReportRegistrations, onderwerpHash } from './report-registrations';
import { reportsMigrations } from './reports.migrations';

describeEachStore('report registrations', (stores) => {
  it('keeps one fact per klantcontact, reads a range in time order and forgets the partij after the term', async () => {
    const { store } = await stores.openStore(reportsMigrations);
    const registrations = new ReportRegistrations(store);
    const fact = (klantcontactUuid: string, contactId: string, at: number, partijUuid?: string) => ({
      klantcontactUuid,
      contactId,
      at,
      ...(partijUuid !== undefined ? { partijUuid } : {}),
      onderwerp: 'Afvalpas kwijt',
      gespreksresultaat: 'zelfstandig_afgehandeld',
    });
    await registrations.record(fact('k2', 'c2', 2_000, 'p1'));
    await registrations.record({ ...fact('k1', 'c1', 1_000, 'p1'), onderwerpId: 'o-afval' });
    await registrations.record(fact('k3', 'c3', 3_000));
    // The same registration heard twice (a retried subscriber) is recorded once, as first written.
    await registrations.record({ ...fact('k1', 'c1', 9_000, 'p2'), gespreksresultaat: 'anders' });

    expect(await registrations.inRange(0, 10_000)).toEqual([
      {
        klantcontactUuid: 'k1',
        contactId: 'c1',
        at: 1_000,
        partijUuid: 'p1',
        onderwerpHash: onderwerpHash('afvalpas kwijt.'),
        onderwerpId: 'o-afval',
        gespreksresultaat: 'zelfstandig_afgehandeld',
      },
      expect.objectContaining({ klantcontactUuid: 'k2', at: 2_000, partijUuid: 'p1', onderwerpId: null }),
      expect.objectContaining({ klantcontactUuid: 'k3', at: 3_000, partijUuid: null }),
    ]);
    expect((await registrations.inRange(1_001, 3_000)).map((r) => r.klantcontactUuid)).toEqual(['k2']);

    // Only rows that still had a partij count as changed; the registrations themselves stay.
    expect(await registrations.forgetPartij(['c1', 'c3', 'c-unknown'])).toBe(1);
    expect(await registrations.forgetPartij([])).toBe(0);
    const after = await registrations.inRange(0, 10_000);
    expect(after.map((r) => [r.klantcontactUuid, r.partijUuid])).toEqual([
      ['k1', null],
      ['k2', 'p1'],
      ['k3', null],
    ]);
  });

  it('forgets the partij of more contacts than one statement takes', async () => {
    const { store } = await stores.openStore(reportsMigrations);
    const registrations = new ReportRegistrations(store);
    const ids = Array.from({ length: 1_203 }, (_, i) => `c${i}`);
    for (const id of ids) {
      await registrations.record({
        klantcontactUuid: `k-${id}`,
        contactId: id,
        at: 1_000,
        partijUuid: 'p1',
        onderwerp: 'Paspoort',
        gespreksresultaat: 'zelfstandig_afgehandeld',
      });
    }
    expect(await registrations.forgetPartij(ids)).toBe(ids.length);
    expect((await registrations.inRange(0, 2_000)).every((r) => r.partijUuid === null)).toBe(true);
  });
});
