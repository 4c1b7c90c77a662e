import { describe, expect, it } from 'vitest';
import { inboxKeys } from '../features/inbox/api/inbox-keys';
import { interneTakenKeys } from '../features/interne-taken/api/interne-taken-keys';
import { klantbeeldKeys } from '../features/klantbeeld/api/klantbeeld-keys';
import { presenceKeys } from '../features/presence/api/presence-keys';
import { registrationKeys } from '../features/registration/api/registration-keys';
import { offersQueryOptions } from '../features/inbox/api/get-offers';
import { klantbeeldQueryOptions } from '../features/klantbeeld/api/get-klantbeeld';

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  prefix.every((part, index) => key[index] === part);

describe('query-key factories', () => {
  it('nest every key under its feature root (generic → specific), so invalidating the root covers all', () => {
    const factories = [
      [inboxKeys.all, [inboxKeys.offers(), inboxKeys.contacts()]],
      [presenceKeys.all, [presenceKeys.me(), presenceKeys.queueWaiting()]],
      [
        interneTakenKeys.all,
        [interneTakenKeys.lijst('mijn'), interneTakenKeys.lijst('afdeling'), interneTakenKeys.taak('t-1')],
      ],
      [
        klantbeeldKeys.all,
        [klantbeeldKeys.details(), klantbeeldKeys.detail('c-1'), klantbeeldKeys.partijSearch('x')],
      ],
      [registrationKeys.all, [registrationKeys.gespreksresultaten(), registrationKeys.afdelingen()]],
    ] as const;
    for (const [root, keys] of factories) for (const key of keys) expect(startsWith(key, root)).toBe(true);
    expect(startsWith(klantbeeldKeys.detail('c-1'), klantbeeldKeys.details())).toBe(true);
  });

  it('gives each feature its own root and each entity its own key', () => {
    const roots = [
      inboxKeys.all,
      presenceKeys.all,
      interneTakenKeys.all,
      klantbeeldKeys.all,
      registrationKeys.all,
    ];
    expect(new Set(roots.map((r) => r[0])).size).toBe(roots.length);
    expect(klantbeeldKeys.detail('c-1')).not.toEqual(klantbeeldKeys.detail('c-2'));
    expect(klantbeeldKeys.partijSearch('a')).not.toEqual(klantbeeldKeys.partijSearch('b'));
  });

  it('queryOptions use the factory keys (shared by hooks and the realtime bridge)', () => {
    expect(offersQueryOptions().queryKey).toEqual(inboxKeys.offers());
    expect(klantbeeldQueryOptions('c-9').queryKey).toEqual(['klantbeeld', 'detail', 'c-9']);
  });
});
