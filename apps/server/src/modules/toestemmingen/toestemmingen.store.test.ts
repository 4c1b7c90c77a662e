import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { toestemmingenMigrations, ToestemmingenStore, type NieuweToestemming } from './toestemmingen.store';

const PARTIJ = '4b1e8f0a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const grant = (adres: string, at: number): NieuweToestemming => ({
  partijUuid: PARTIJ,
  soort: 'voorkeurskanaal',
  kanaal: 'email',
  adres,
  wijze: 'mondeling gegeven',
  gegevenVia: 'telefoon',
  at,
  userId: 'user-anna',
});

describeEachStore('the toestemmingen store', (stores) => {
  it('keeps the history newest first, also for grants in the same millisecond, with one active per soort', async () => {
    const { store, close } = await stores.openStore(toestemmingenMigrations);
    const toestemmingen = new ToestemmingenStore(store, (id) => (id === 'user-anna' ? 'Anna' : id));
    const first = await toestemmingen.vastleggen(grant('een@example.nl', 1000));
    const second = await toestemmingen.vastleggen(grant('twee@example.nl', 1000));
    const third = await toestemmingen.vastleggen(grant('drie@example.nl', 1000));
    const history = await toestemmingen.geschiedenis(PARTIJ);
    expect(history.map((t) => t.id)).toEqual([third.id, second.id, first.id]);
    expect(history[1]).toMatchObject({
      ingetrokkenOp: new Date(1000).toISOString(),
      ingetrokkenDoor: 'Anna',
    });
    expect((await toestemmingen.actueel(PARTIJ)).map((t) => t.adres)).toEqual(['drie@example.nl']);
    expect(await toestemmingen.geldig(PARTIJ, 'voorkeurskanaal')).toMatchObject({ adres: 'drie@example.nl' });
    expect(await toestemmingen.geldig(PARTIJ, 'proactief_contact')).toBeUndefined();

    expect(await toestemmingen.intrekken(PARTIJ, third.id, 2000, 'user-anna')).toBe(true);
    expect(await toestemmingen.intrekken(PARTIJ, third.id, 2000, 'user-anna')).toBe(false);
    expect(await toestemmingen.intrekken('andere-partij', first.id, 2000, 'user-anna')).toBe(false);
    expect(await toestemmingen.actueel(PARTIJ)).toEqual([]);
    await close();
  });

  it('leaves exactly one active grant when agents record one at the same time', async () => {
    const { store, close } = await stores.openStore(toestemmingenMigrations);
    const toestemmingen = new ToestemmingenStore(store);
    const given = await Promise.all(
      Array.from({ length: 6 }, (_, i) => toestemmingen.vastleggen(grant(`adres${i}@example.nl`, 1000 + i))),
    );
    expect(given).toHaveLength(6);
    expect(await toestemmingen.actueel(PARTIJ)).toHaveLength(1);
    expect(await toestemmingen.geschiedenis(PARTIJ)).toHaveLength(6);
    await close();
  });
});
