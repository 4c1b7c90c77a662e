import { beforeEach, expect, it } from 'vitest';
import { describeEachStore, type OpenTestStore } from '../../../test-support/each-store';
import type { ContactRecord } from '../contacts/contacts.repository';
import { createIdentificatieStore, identificatieMigrations, type IdentificatieStore } from './identificatie';

const contact = (id: string, bsn?: string): ContactRecord =>
  ({ id, from: bsn !== undefined ? { bsn } : {} }) as unknown as ContactRecord;

describeEachStore('identificatie store', (stores) => {
  let opened: OpenTestStore;
  let store: IdentificatieStore;
  beforeEach(async () => {
    opened = await stores.openStore(identificatieMigrations);
    store = createIdentificatieStore(opened.store);
  });

  it('counts failed attempts per contact and verifies against one partij', async () => {
    const c = contact('c-1');
    await store.recordVerification('c-1', { userId: 'anna', gelukt: false, partijUuid: 'p-1', at: 1_000 });
    await store.recordVerification('c-1', { userId: 'anna', gelukt: false, partijUuid: 'p-1', at: 2_000 });
    expect(await store.failedAttempts('c-1')).toBe(2);
    expect(await store.failedAttempts('c-2')).toBe(0);
    expect(await store.isVastgesteld('c-1')).toBe(false);
    expect(await store.identificatie(c, { uuid: 'p-1', bsn: '999993653' })).toMatchObject({
      niveau: 'herkend',
      verificatie: { mogelijk: true, pogingenOver: 1 },
    });

    await store.recordVerification('c-1', { userId: 'anna', gelukt: true, partijUuid: 'p-1', at: 3_000 });
    expect(await store.isVastgesteld('c-1')).toBe(true);
    expect(await store.identificatie(c, { uuid: 'p-1', bsn: '999993653' })).toMatchObject({
      niveau: 'geverifieerd',
      methode: 'verificatievragen',
      sinds: new Date(3_000).toISOString(),
    });
    // Another partij linked: the verification does not carry over.
    expect((await store.identificatie(c, { uuid: 'p-2', bsn: '999990019' })).niveau).toBe('herkend');
    // Nothing of c-1 is attached to another contact.
    expect(await store.isVastgesteld('c-2')).toBe(false);
  });

  it('keeps a DigiD login: a later verification does not replace it', async () => {
    const c = contact('c-1', '999993653');
    await store.recordAuthenticated('c-1', 1_000);
    await store.recordVerification('c-1', { userId: 'anna', gelukt: true, partijUuid: 'p-1', at: 2_000 });
    expect(await store.identificatie(c, { uuid: 'p-1', bsn: '999993653' })).toMatchObject({
      niveau: 'geauthenticeerd',
      methode: 'digid',
      sinds: new Date(1_000).toISOString(),
    });
    expect((await store.identificatie(c, undefined)).niveau).toBe('geauthenticeerd');
    // A partij with another BSN is not the one who logged in.
    expect((await store.identificatie(c, { uuid: 'p-2', bsn: '999990019' })).niveau).toBe('herkend');
  });
});
