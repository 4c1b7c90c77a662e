import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { NotRoutingLeader } from './routing-lease';
import type { SharedState } from './shared-state';

/**
 * The leader is not reachable now: no instance holds the lease, or it did not answer in time (it may have died
 * mid-request). Retry with the same command id: a command the leader already ran is not run again.
 */
export class LeaderUnavailable extends Error {
  override name = 'LeaderUnavailable';
  readonly retryable = true;
  constructor(
    readonly reason: 'no-leader' | 'timeout',
    readonly commandId: string,
  ) {
    super(
      reason === 'timeout'
        ? `de routing-leider antwoordde niet op tijd (opdracht ${commandId}); probeer opnieuw`
        : `geen instantie heeft nu de routing-lease (opdracht ${commandId}); probeer opnieuw`,
    );
  }
}

/** The leader ran the command and its handler threw: the error's name, message and `code`, as the leader saw them. */
export class LeaderCommandRejected extends Error {
  override name = 'LeaderCommandRejected';
  readonly retryable = false;
  constructor(
    readonly remoteName: string,
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

type Outcome<R> = { ok: true; result: R } | { ok: false; name: string; message: string; code?: string };
/** `attempt` tells apart two sends of one command id that wait at the same time. */
type Reply<R> = { attempt: string; outcome: Outcome<R> } | { attempt: string; notLeader: true };
interface Request<C> {
  id: string;
  attempt: string;
  from: string;
  command: C;
}

export interface LeaderCommandsOptions<C, R> {
  instanceId: string;
  /** Redis in a cluster; in one process (`shared: false`) every command runs on the local handler. */
  state: SharedState;
  clock: Clock;
  log: Logger;
  /** This instance leads now (the routing lease). */
  isLeader(): boolean;
  /** The instance that leads, as last known (the routing lease's `leader()`). */
  leaderId(): string | undefined;
  /**
   * Runs a command on the leader. It should check the fencing token in its unit of work: a `NotRoutingLeader` it
   * throws goes back as "not the leader" and the sender tries the new leader.
   */
  handle(command: C, commandId: string): Promise<R>;
  /** How long `send` waits for the leader in all (default 5 s). */
  timeoutMs?: number;
  /** How long the leaders remember a command's outcome by its id (default 10 minutes). */
  rememberMs?: number;
  /** How long to wait before asking again when there is no leader or it just lost the lease (default 250 ms). */
  retryMs?: number;
}

export interface LeaderCommands<C, R> {
  /**
   * Run `command` on the routing leader and return its result. `id` makes a retry safe: pass the same id again
   * after a `LeaderUnavailable`. Throws `LeaderUnavailable` (retryable) or `LeaderCommandRejected`.
   */
  send(command: C, options?: { id?: string }): Promise<R>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Requests and replies over the shared state's pub/sub, outcomes remembered in its keys (`docs/decisions.md`). */
export function createLeaderCommands<C, R>(options: LeaderCommandsOptions<C, R>): LeaderCommands<C, R> {
  const { instanceId, state, clock, log } = options;
  const timeoutMs = options.timeoutMs ?? 5000;
  const rememberMs = options.rememberMs ?? 600_000;
  const retryMs = options.retryMs ?? 250;
  const requests = (to: string) => `leader-commands:to:${to}`;
  const replies = (to: string) => `leader-commands:reply:${to}`;
  const outcomeKey = (id: string) => `leader-commands:outcome:${id}`;
  const running = new Map<string, Promise<Outcome<R> | 'not-leader'>>();
  const waiting = new Map<string, (reply: Reply<R>) => void>();
  const unsubscribes: (() => Promise<void>)[] = [];

  /** On the leader: the remembered outcome, the running one for this id, or a new run. */
  const execute = (id: string, command: C): Promise<Outcome<R> | 'not-leader'> => {
    const current = running.get(id);
    if (current) return current;
    const run = (async (): Promise<Outcome<R> | 'not-leader'> => {
      const remembered = await state.get(outcomeKey(id));
      if (remembered !== undefined) return JSON.parse(remembered) as Outcome<R>;
      if (!options.isLeader()) return 'not-leader';
      let outcome: Outcome<R>;
      try {
        outcome = { ok: true, result: await options.handle(command, id) };
      } catch (err) {
        if (err instanceof NotRoutingLeader) return 'not-leader';
        const e = err instanceof Error ? err : new Error(String(err));
        const code = (e as { code?: unknown }).code;
        outcome = {
          ok: false,
          name: e.name,
          message: e.message,
          ...(typeof code === 'string' ? { code } : {}),
        };
      }
      await state.set(outcomeKey(id), JSON.stringify(outcome), rememberMs);
      return outcome;
    })().finally(() => running.delete(id));
    running.set(id, run);
    return run;
  };

  const unwrap = (outcome: Outcome<R>): R => {
    if (outcome.ok) return outcome.result;
    throw new LeaderCommandRejected(outcome.name, outcome.message, outcome.code);
  };

  /** Resolves with the reply, or undefined at `deadline`. */
  const ask = (leader: string, request: Request<C>, deadline: number): Promise<Reply<R> | undefined> =>
    new Promise((resolve) => {
      const cancel = clock.setTimer(Math.max(0, deadline - clock.now()), () => {
        waiting.delete(request.attempt);
        resolve(undefined);
      });
      waiting.set(request.attempt, (reply) => {
        cancel();
        waiting.delete(request.attempt);
        resolve(reply);
      });
      state.publish(requests(leader), JSON.stringify(request)).catch((err: unknown) => {
        log.warn({ err: String(err), id: request.id }, 'leader-commands: versturen mislukt');
      });
    });

  const pause = (ms: number) => new Promise<void>((resolve) => clock.setTimer(ms, resolve));

  return {
    async send(command, sendOptions) {
      const id = sendOptions?.id ?? randomUUID();
      if (!state.shared) {
        const outcome = await execute(id, command);
        if (outcome === 'not-leader') throw new LeaderUnavailable('no-leader', id);
        return unwrap(outcome);
      }
      const deadline = clock.now() + timeoutMs;
      for (;;) {
        if (options.isLeader()) {
          const outcome = await execute(id, command);
          if (outcome !== 'not-leader') return unwrap(outcome);
        } else {
          const leader = options.leaderId();
          if (leader !== undefined && leader !== instanceId) {
            const request = { id, attempt: randomUUID(), from: instanceId, command };
            const reply = await ask(leader, request, deadline);
            if (reply === undefined) throw new LeaderUnavailable('timeout', id);
            if ('outcome' in reply) return unwrap(reply.outcome);
          }
        }
        // No leader, or the one asked had just lost the lease: look again shortly.
        if (clock.now() + retryMs >= deadline) {
          throw new LeaderUnavailable(options.leaderId() === undefined ? 'no-leader' : 'timeout', id);
        }
        await pause(retryMs);
      }
    },

    async start() {
      if (!state.shared) return;
      unsubscribes.push(
        await state.subscribe(replies(instanceId), (message) => {
          const reply = JSON.parse(message) as Reply<R>;
          waiting.get(reply.attempt)?.(reply);
        }),
        await state.subscribe(requests(instanceId), (message) => {
          const request = JSON.parse(message) as Request<C>;
          void execute(request.id, request.command)
            .then((outcome) =>
              state.publish(
                replies(request.from),
                JSON.stringify(
                  (outcome === 'not-leader'
                    ? { attempt: request.attempt, notLeader: true }
                    : { attempt: request.attempt, outcome }) satisfies Reply<R>,
                ),
              ),
            )
            .catch((err: unknown) =>
              log.error({ err, id: request.id }, 'leader-commands: opdracht beantwoorden mislukt'),
            );
        }),
      );
    },

    async close() {
      for (const unsubscribe of unsubscribes.splice(0)) await unsubscribe();
    },
  };
}
