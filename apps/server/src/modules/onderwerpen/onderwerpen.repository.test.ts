import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import {
  createOnderwerpenRepository,
  DuplicateOnderwerp,
  onderwerpenMigrations,
} from './onderwerpen.repository';

const products = Array.from({ length: 120 }, (_, i) => ({
  naam: `product ${i}`,
  uplUri: `http://standaarden.overheid.nl/owms/terms/product-${i}`,
}));

describeEachStore('the onderwerpen repository', (stores) => {
  it('imports the products once when instances start together on an empty list', async () => {
    const { store, close } = await stores.openStore(onderwerpenMigrations);
    // Three instances of the server, each with its own repository on the one store.
    const added = await Promise.all(
      [0, 1, 2].map(() => createOnderwerpenRepository(store).importProducts(products, 1000)),
    );
    expect(added.reduce((a, b) => a + b, 0)).toBe(products.length);
    const repo = createOnderwerpenRepository(store);
    expect(await repo.count()).toBe(products.length);
    expect((await repo.list({ alleenActief: true }))[0]).toMatchObject({
      naam: 'Product 0',
      bron: 'kennisbank',
    });
    await close();
  });

  it('keeps one onderwerp per name when the same name is added or renamed to at once', async () => {
    const { store, close } = await stores.openStore(onderwerpenMigrations);
    const repo = createOnderwerpenRepository(store);
    const results = await Promise.allSettled(
      ['Afvalpas', ' afvalpas ', 'AFVALPAS'].map((naam) => repo.create({ naam, bron: 'beheer' }, 1000)),
    );
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(created).toHaveLength(1);
    // On PostgreSQL any of the three may win; the others are told which one holds the name.
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(DuplicateOnderwerp);
      expect((r.reason as DuplicateOnderwerp).existing).toEqual(created[0]);
    }
    const other = await repo.create({ naam: 'Paspoort', bron: 'beheer' }, 1000);
    await expect(repo.update(other.id, { naam: 'afvalpas' }, 2000)).rejects.toBeInstanceOf(
      DuplicateOnderwerp,
    );
    expect(await repo.update(other.id, { actief: false }, 3000, 'user-bea')).toMatchObject({
      naam: 'Paspoort',
      actief: false,
      updatedAt: new Date(3000).toISOString(),
    });
    await close();
  });
});
