import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { isUniqueViolation } from '../../store/unique-violation';
import { createIdempotencyStore, idempotencyMigrations, requestHash } from './idempotency';

describeEachStore('the idempotency keys', (stores) => {
  it('stores a response per user and key, and lets the PRIMARY KEY refuse a second one', async () => {
    const { store } = await stores.openStore(idempotencyMigrations);
    const keys = createIdempotencyStore(store);
    const answer = { requestHash: requestHash({ a: 1, b: [2] }), status: 201, response: { uuid: 'k1' } };
    expect(await keys.get('anna', 'key-1')).toBeUndefined();
    await keys.put('anna', 'key-1', answer, 1);
    await keys.put('bram', 'key-1', { ...answer, response: { uuid: 'k2' } }, 1);
    expect(await keys.get('anna', 'key-1')).toEqual(answer);
    expect((await keys.get('bram', 'key-1'))?.response).toEqual({ uuid: 'k2' });
    const again: unknown = await keys.put('anna', 'key-1', answer, 2).catch((e: unknown) => e);
    expect(isUniqueViolation(again)).toBe(true);
    expect(requestHash({ b: [2], a: 1 })).toBe(answer.requestHash);
  });

  it('keeps one answer when the same key is stored in concurrent units of work', async () => {
    const { store } = await stores.openStore(idempotencyMigrations);
    const keys = createIdempotencyStore(store);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        store.unitOfWork(() =>
          keys.put('anna', 'same', { requestHash: 'h', status: 201, response: { attempt: i } }, i),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(isUniqueViolation(r.reason)).toBe(true);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect((await keys.get('anna', 'same'))?.response).toEqual({ attempt: winner });
  });
});
