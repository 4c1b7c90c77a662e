import type { QueueWaiting } from '@kcc/contracts/domain';
import type { Logger } from '../../shared/logger';
import { silentNotifier, type RoutingNotifier } from './routing-notifier';

/** A push to agents, prepared inside a command and sent only after its commit. */
export type Push = (notifier: RoutingNotifier) => void;

/**
 * Pushes routing changes to the agents' sockets: after the commit of the command that caused them (pushes wait
 * while a command runs), and waiting counts coalesced (at most one push per agent per delay, only when the
 * agent's counts changed, computed once per distinct set of queues and sent to all agents with that set at once).
 */
export class AgentPushes {
  private notifier: RoutingNotifier = silentNotifier;
  /** Set while a command runs: pushes wait here for its commit. */
  private held: Push[] | undefined;
  private readonly touchedQueues = new Set<string>();
  /** The waiting counts last pushed to each agent (JSON), so unchanged counts are not pushed again. */
  private readonly waitingSent = new Map<string, string>();
  private waitingTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly log: Logger,
    private readonly waiting: {
      /** Every agent and the queues each serves. */
      audience: () => Iterable<[agentId: string, queueIds: string[]]>;
      countsIn: (queueIds: string[]) => QueueWaiting[];
      delayMs: number;
    },
  ) {}

  setNotifier(notifier: RoutingNotifier): void {
    this.notifier = notifier;
  }

  /** Hold every push made during `fn` until it returned (committed); nested calls join the outer one. */
  holdDuring<T>(fn: () => T): T {
    if (this.held) return fn();
    const held: Push[] = [];
    this.held = held;
    let result: T;
    try {
      result = fn();
    } finally {
      this.held = undefined;
    }
    this.send(held);
    return result;
  }

  /** Send now, or after the running command's commit. */
  push(pushes: Push[]): void {
    if (this.held) this.held.push(...pushes);
    else this.send(pushes);
  }

  /** The waiting counts of this queue changed: the agents serving it hear of it (coalesced). */
  touch(queueId: string): void {
    this.touchedQueues.add(queueId);
  }

  /** A window of this agent connected: the next waiting push goes to the agent even if the counts are unchanged. */
  forgetWaitingSent(agentId: string): void {
    this.waitingSent.delete(agentId);
  }

  /** Push this agent's counts now (its queues changed). */
  waitingNow(agentId: string, items: QueueWaiting[]): void {
    this.waitingSent.set(agentId, JSON.stringify(items));
    this.send([(n) => n.waitingChanged(agentId, items)]);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.waitingTimer);
  }

  private send(pushes: Push[]): void {
    for (const push of pushes) {
      try {
        push(this.notifier);
      } catch (err) {
        this.log.error({ err }, 'notifying agents failed');
      }
    }
    if (this.touchedQueues.size > 0) this.scheduleWaitingBroadcast();
  }

  private scheduleWaitingBroadcast(): void {
    if (this.waitingTimer !== undefined || this.stopped) return;
    this.waitingTimer = setTimeout(() => {
      this.waitingTimer = undefined;
      const touched = new Set(this.touchedQueues);
      this.touchedQueues.clear();
      const groups = new Map<string, { items: QueueWaiting[]; json: string; agentIds: string[] }>();
      for (const [agentId, ids] of this.waiting.audience()) {
        if (!ids.some((id) => touched.has(id))) continue;
        const key = ids.join('\n');
        let group = groups.get(key);
        if (!group) {
          const items = this.waiting.countsIn(ids);
          group = { items, json: JSON.stringify(items), agentIds: [] };
          groups.set(key, group);
        }
        if (this.waitingSent.get(agentId) === group.json) continue;
        this.waitingSent.set(agentId, group.json);
        group.agentIds.push(agentId);
      }
      for (const { items, agentIds } of groups.values()) {
        if (agentIds.length === 0) continue;
        try {
          if (this.notifier.waitingChangedFor) this.notifier.waitingChangedFor(agentIds, items);
          else for (const agentId of agentIds) this.notifier.waitingChanged(agentId, items);
        } catch (err) {
          this.log.error({ err }, 'waiting broadcast failed');
        }
      }
    }, this.waiting.delayMs);
  }
}
