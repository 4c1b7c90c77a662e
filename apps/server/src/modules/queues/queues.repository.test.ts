import { DEFAULT_CAPACITY } from '@kcc/routing';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { storeMigrations } from '../../store/migrations';
import { createUsersRepository } from '../auth/users.repository';
import { openStoreWithUsers } from '../../../test-support/store-with-users';
import { DEMO_QUEUES } from './demo-queues';
import { createQueuesRepository } from './queues.repository';

describeEachStore('queues repository', (stores) => {
  it('stores queues in their sort order and replaces one on upsert', async () => {
    const { store } = await stores.openStore(storeMigrations);
    const queues = createQueuesRepository(store);
    const [first, second] = DEMO_QUEUES;
    await queues.upsert(second!, 0);
    await queues.upsert(first!, 1);
    expect((await queues.list()).map((q) => q.config.id)).toEqual([second!.config.id, first!.config.id]);
    await queues.upsert(
      { ...second!, defaultForChannels: [], config: { ...second!.config, name: 'Nieuw' } },
      2,
    );
    const list = await queues.list();
    expect(list.map((q) => q.config.id)).toEqual([first!.config.id, second!.config.id]);
    expect(list[1]).toEqual({ defaultForChannels: [], config: { ...second!.config, name: 'Nieuw' } });
  });

  it('keeps one routing profile per agent', async () => {
    const store = await openStoreWithUsers(stores);
    await createUsersRepository(store, { demoAccounts: false }).create({
      id: 'user-anna',
      username: 'anna',
      name: 'Anna',
      passwordHash: 'x',
      roles: ['medewerker'],
    });
    const queues = createQueuesRepository(store);
    const profile = {
      id: 'user-anna',
      skills: { algemeen: 2 },
      capacity: { ...DEFAULT_CAPACITY },
      queueIds: ['chat'],
    };
    await queues.upsertAgentProfile(profile);
    await queues.upsertAgentProfile({ ...profile, queueIds: [] });
    expect(await queues.agentProfiles()).toEqual([{ ...profile, queueIds: [] }]);
    expect(await queues.agentProfile('user-anna')).toEqual({ ...profile, queueIds: [] });
    expect(await queues.agentProfile('user-bram')).toBeUndefined();
  });
});
