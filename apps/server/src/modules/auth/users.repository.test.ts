import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { openStoreWithUsers } from '../../../test-support/store-with-users';
import { SessionStore } from './sessions';
import { createUsersRepository } from './users.repository';

const anna = {
  username: 'anna',
  name: 'Anna de Vries',
  passwordHash: 'hash',
  roles: ['medewerker' as const],
};

describeEachStore('users repository', (stores) => {
  it('finds an account by username regardless of case, and by id without its password hash', async () => {
    const store = await openStoreWithUsers(stores);
    const users = createUsersRepository(store, { demoAccounts: false });
    const created = await users.create({ ...anna, id: 'user-anna' });
    expect(created).toEqual({
      id: 'user-anna',
      username: 'anna',
      name: 'Anna de Vries',
      roles: ['medewerker'],
    });
    expect(await users.findByUsername('ANNA')).toMatchObject({ id: 'user-anna', passwordHash: 'hash' });
    expect(await users.findById('user-anna')).toEqual(created);
    expect(await users.findActiveById('user-anna')).toEqual(created);
    expect(await users.findById('nobody')).toBeUndefined();
    expect(await users.count()).toBe(1);
  });

  it('keeps usernames and ids unique: a second create with either gives undefined', async () => {
    const store = await openStoreWithUsers(stores);
    const users = createUsersRepository(store, { demoAccounts: false });
    await users.create({ ...anna, id: 'user-anna' });
    expect(await users.create({ ...anna, username: 'Anna', id: 'other' })).toBeUndefined();
    expect(await users.create({ ...anna, username: 'annie', id: 'user-anna' })).toBeUndefined();
    expect(await users.count()).toBe(1);
  });

  it('lets demo accounts log in and use tokens only while demo mode is on', async () => {
    const store = await openStoreWithUsers(stores);
    await createUsersRepository(store, { demoAccounts: true }).create({
      ...anna,
      id: 'user-anna',
      demo: true,
    });
    const off = createUsersRepository(store, { demoAccounts: false });
    expect(await off.findByUsername('anna')).toBeUndefined();
    expect(await off.findActiveById('user-anna')).toBeUndefined();
    // Still a name in logs and history.
    expect((await off.findById('user-anna'))?.name).toBe('Anna de Vries');
  });

  it('creates and updates identity-provider accounts, never takes over a local one, and has no password login', async () => {
    const store = await openStoreWithUsers(stores);
    const users = createUsersRepository(store, { demoAccounts: false });
    await users.create({ ...anna, id: 'user-anna' });
    expect(await users.upsertOidcUser({ employeeId: 'anna', name: 'Kaper', roles: ['beheerder'] })).toBe(
      'conflict',
    );
    expect(await users.upsertOidcUser({ employeeId: 'user-anna', name: 'Kaper', roles: ['beheerder'] })).toBe(
      'conflict',
    );
    expect(await users.upsertOidcUser({ employeeId: 'E123', name: 'Eva', roles: ['medewerker'] })).toEqual({
      id: 'E123',
      username: 'E123',
      name: 'Eva',
      roles: ['medewerker'],
    });
    await users.upsertOidcUser({ employeeId: 'E123', name: 'Eva Smit', roles: ['teamleider'] });
    expect(await users.findActiveById('E123')).toMatchObject({ name: 'Eva Smit', roles: ['teamleider'] });
    expect(await users.findByUsername('E123')).toBeUndefined();
    expect((await users.findByUsername('anna'))?.roles).toEqual(['medewerker']);
  });

  it('a first identity-provider login on two instances at once gives one account', async () => {
    const store = await openStoreWithUsers(stores);
    const a = createUsersRepository(store, { demoAccounts: false });
    const b = createUsersRepository(store, { demoAccounts: false });
    const results = await Promise.all([
      a.upsertOidcUser({ employeeId: 'E9', name: 'Eva', roles: ['medewerker'] }),
      b.upsertOidcUser({ employeeId: 'E9', name: 'Eva', roles: ['medewerker'] }),
    ]);
    expect(results.every((r) => r !== 'conflict')).toBe(true);
    expect(await a.count()).toBe(1);
  });

  it('knows every account read at start and each one read or written since, for synchronous callers', async () => {
    const store = await openStoreWithUsers(stores);
    const writer = createUsersRepository(store, { demoAccounts: false });
    await writer.create({ ...anna, id: 'user-anna' });
    const reader = createUsersRepository(store, { demoAccounts: false });
    expect(reader.known('user-anna')).toBeUndefined();
    await reader.loadKnown();
    expect(reader.known('user-anna')?.name).toBe('Anna de Vries');
    // Another instance renames the account; this one sees it on its next read (the auth guard reads every request).
    await writer.upsertOidcUser({ employeeId: 'E1', name: 'Eva', roles: ['medewerker'] });
    expect(reader.known('E1')).toBeUndefined();
    await reader.findActiveById('E1');
    expect(reader.known('E1')?.name).toBe('Eva');
  });

  it('reads the account of an active session in one query: revocation, expiry and changes count at once', async () => {
    const store = await openStoreWithUsers(stores);
    const now = 1_800_000_000_000;
    const sessions = new SessionStore(store, () => now);
    const here = createUsersRepository(store, { demoAccounts: false });
    const elsewhere = createUsersRepository(store, { demoAccounts: false });
    await elsewhere.upsertOidcUser({ employeeId: 'E1', name: 'Eva', roles: ['medewerker'] });
    const { session } = await sessions.create('E1');
    expect(await here.findActiveInSession('E1', session.id, now)).toMatchObject({ roles: ['medewerker'] });
    // Another instance brings the roles up to date at a next login: the next request here has them.
    await elsewhere.upsertOidcUser({ employeeId: 'E1', name: 'Eva', roles: ['teamleider'] });
    expect(await here.findActiveInSession('E1', session.id, now)).toMatchObject({ roles: ['teamleider'] });
    expect(await here.findActiveInSession('E2', session.id, now)).toBeUndefined();
    expect(await here.findActiveInSession('E1', session.id, session.expiresAt)).toBeUndefined();
    await sessions.revoke(session.id);
    expect(await here.findActiveInSession('E1', session.id, now)).toBeUndefined();
  });
});
