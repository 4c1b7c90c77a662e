import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startTestRedis, type TestRedis } from '../../test-support/redis-server';
import { TestClock } from '../../test-support/test-clock';
import type { Logger } from '../shared/logger';
import {
  createLeaderCommands,
  LeaderCommandRejected,
  LeaderUnavailable,
  type LeaderCommands,
} from './leader-commands';
import { memorySharedState } from './memory-shared-state';
import { redisSharedState } from './redis-shared-state';
import { NotRoutingLeader } from './routing-lease';

const log: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const TIMEOUT = 5000;
const RETRY = 250;

interface Command {
  op: 'accept' | 'fail' | 'hang' | 'fenced';
  contactId: string;
}

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

/** Endpoints of one cluster in this process: a Redis connection each, and who leads as the test says. */
async function cluster() {
  // A clean database: outcomes remembered in an earlier test must not answer this one's ids.
  const admin = new Redis(redis.url);
  await admin.flushdb();
  admin.disconnect();
  const directory = { leader: undefined as string | undefined };
  const clock = new TestClock({ frozenAt: 0 });
  const endpoint = async (id: string, handle: (command: Command, commandId: string) => Promise<string>) => {
    const connection = new Redis(redis.url);
    const state = redisSharedState(connection, log);
    const ran: string[] = [];
    const commands: LeaderCommands<Command, string> = createLeaderCommands<Command, string>({
      instanceId: id,
      state,
      clock,
      log,
      isLeader: () => directory.leader === id,
      leaderId: () => directory.leader,
      handle: async (command, commandId) => {
        ran.push(commandId);
        return handle(command, commandId);
      },
      timeoutMs: TIMEOUT,
      retryMs: RETRY,
    });
    await commands.start();
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await commands.close();
      await state.close();
      connection.disconnect();
    };
    onTestFinished(close);
    return { commands, ran, close };
  };
  return { directory, clock, endpoint };
}

const accepting = (id: string) => async (command: Command) => {
  if (command.op === 'fail')
    throw Object.assign(new Error('contact is al aangenomen'), { code: 'already-assigned' });
  return `${id} nam ${command.contactId} aan`;
};

describe('leader commands over Redis', () => {
  it("a follower's command runs on the leader and returns its result or its typed error", async () => {
    const { directory, endpoint } = await cluster();
    const a = await endpoint('a', accepting('a'));
    const f = await endpoint('f', accepting('f'));
    directory.leader = 'a';
    expect(await f.commands.send({ op: 'accept', contactId: 'c1' }, { id: 'cmd-1' })).toBe('a nam c1 aan');
    expect(a.ran).toEqual(['cmd-1']);
    expect(f.ran).toEqual([]);
    const rejected = await f.commands.send({ op: 'fail', contactId: 'c1' }).catch((err: unknown) => err);
    expect(rejected).toBeInstanceOf(LeaderCommandRejected);
    expect(rejected).toMatchObject({ remoteName: 'Error', code: 'already-assigned', retryable: false });
    // The leader itself runs its command locally, through the same memory of ids.
    expect(await a.commands.send({ op: 'accept', contactId: 'c2' }, { id: 'cmd-2' })).toBe('a nam c2 aan');
    expect(a.ran).toHaveLength(3);
  });

  it('a command id sent again is not run again, also not by the next leader', async () => {
    const { directory, endpoint } = await cluster();
    const a = await endpoint('a', accepting('a'));
    const b = await endpoint('b', accepting('b'));
    const f = await endpoint('f', accepting('f'));
    directory.leader = 'a';
    const command: Command = { op: 'accept', contactId: 'c1' };
    const [first, second] = await Promise.all([
      f.commands.send(command, { id: 'cmd-1' }),
      f.commands.send(command, { id: 'cmd-1' }),
    ]);
    expect([first, second]).toEqual(['a nam c1 aan', 'a nam c1 aan']);
    expect(await f.commands.send(command, { id: 'cmd-1' })).toBe('a nam c1 aan');
    expect(a.ran).toEqual(['cmd-1']);
    directory.leader = 'b';
    expect(await f.commands.send(command, { id: 'cmd-1' })).toBe('a nam c1 aan');
    expect(b.ran).toEqual([]);
  });

  it('the leader dies mid-request: a clear retryable timeout, and the retry reaches the new leader', async () => {
    const { directory, clock, endpoint } = await cluster();
    let handling!: () => void;
    const handled = new Promise<void>((resolve) => (handling = resolve));
    const a = await endpoint('a', () => {
      handling();
      return new Promise<string>(() => {}); // never answers: the process is gone
    });
    const b = await endpoint('b', accepting('b'));
    const f = await endpoint('f', accepting('f'));
    directory.leader = 'a';
    const command: Command = { op: 'accept', contactId: 'c1' };
    const sending = f.commands.send(command, { id: 'cmd-1' }).catch((err: unknown) => err);
    await handled;
    await a.close();
    directory.leader = undefined;
    clock.advance(TIMEOUT);
    const error = await sending;
    expect(error).toBeInstanceOf(LeaderUnavailable);
    expect(error).toMatchObject({ reason: 'timeout', retryable: true, commandId: 'cmd-1' });
    expect((error as Error).message).toMatch(/antwoordde niet op tijd.*probeer opnieuw/);
    // B took over the lease; the client retries with the same id.
    directory.leader = 'b';
    expect(await f.commands.send(command, { id: 'cmd-1' })).toBe('b nam c1 aan');
    expect(b.ran).toEqual(['cmd-1']);
  });

  it('a leader that finds its fencing token stale sends the command on to the new leader', async () => {
    const { directory, clock, endpoint } = await cluster();
    const a = await endpoint('a', async () => {
      directory.leader = 'b'; // B took over while A was handling it
      throw new NotRoutingLeader(1);
    });
    const b = await endpoint('b', accepting('b'));
    const f = await endpoint('f', accepting('f'));
    directory.leader = 'a';
    const sending = f.commands.send({ op: 'accept', contactId: 'c1' }, { id: 'cmd-1' });
    await clock.whenPending(RETRY);
    clock.advance(RETRY);
    expect(await sending).toBe('b nam c1 aan');
    expect(a.ran).toEqual(['cmd-1']);
    expect(b.ran).toEqual(['cmd-1']);
  });

  it('without a leader the sender gives up at its timeout with a retryable error', async () => {
    const { clock, endpoint } = await cluster();
    const f = await endpoint('f', accepting('f'));
    let settled = false;
    const sending = f.commands
      .send({ op: 'accept', contactId: 'c1' }, { id: 'cmd-1' })
      .catch((err: unknown) => err)
      .finally(() => (settled = true));
    while (!settled) {
      await Promise.race([clock.whenPending(RETRY), sending]);
      if (clock.pending(RETRY) > 0) clock.advance(RETRY);
    }
    expect(clock.now()).toBeLessThanOrEqual(TIMEOUT);
    expect(await sending).toMatchObject({ name: 'LeaderUnavailable', reason: 'no-leader', retryable: true });
  });
});

describe('leader commands in one process', () => {
  it('run on the local handler directly', async () => {
    const clock = new TestClock();
    const ran: string[] = [];
    const commands = createLeaderCommands<Command, string>({
      instanceId: 'solo',
      state: memorySharedState(clock),
      clock,
      log,
      isLeader: () => true,
      leaderId: () => 'solo',
      handle: async (command, id) => {
        ran.push(id);
        return accepting('solo')(command);
      },
    });
    await commands.start();
    expect(await commands.send({ op: 'accept', contactId: 'c1' }, { id: 'x' })).toBe('solo nam c1 aan');
    expect(await commands.send({ op: 'accept', contactId: 'c1' }, { id: 'x' })).toBe('solo nam c1 aan');
    expect(ran).toEqual(['x']);
    await expect(commands.send({ op: 'fail', contactId: 'c1' })).rejects.toMatchObject({
      code: 'already-assigned',
    });
  });
});
