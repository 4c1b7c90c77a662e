import type { QueueWaiting } from '@kcc/contracts/domain';
import type { UnitOfWork } from '../../shared/domain-events';
import type { Logger } from '../../shared/logger';

/**
 * The waiting counts agents see, coalesced: at most one `waiting-changed` event per delay, only to agents whose
 * counts changed, computed once per distinct set of queues (one packet for all agents with that set).
 */
export class WaitingCounts {
  private readonly touchedQueues = new Set<string>();
  /** The waiting counts last announced to each agent (JSON), so unchanged counts are not announced again. */
  private readonly sent = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly events: UnitOfWork,
    private readonly log: Logger,
    private readonly waiting: {
      /** Every agent and the queues each serves. */
      audience: () => Iterable<[agentId: string, queueIds: string[]]>;
      countsIn: (queueIds: string[]) => QueueWaiting[];
      delayMs: number;
    },
  ) {}

  /** The waiting counts of this queue changed: the agents serving it hear of it (coalesced). */
  touch(queueId: string): void {
    this.touchedQueues.add(queueId);
    this.schedule();
  }

  /** A window of this agent connected: the next announcement goes to the agent even if the counts are unchanged. */
  forget(agentId: string): void {
    this.sent.delete(agentId);
  }

  /** Announce this agent's counts now (its queues changed). */
  now(agentId: string, items: QueueWaiting[]): void {
    this.sent.set(agentId, JSON.stringify(items));
    this.events.record({ type: 'waiting-changed', agentIds: [agentId], items });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.announce();
      } catch (err) {
        this.log.error({ err }, 'waiting broadcast failed');
      }
    }, this.waiting.delayMs);
  }

  private announce(): void {
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
      if (this.sent.get(agentId) === group.json) continue;
      this.sent.set(agentId, group.json);
      group.agentIds.push(agentId);
    }
    for (const { items, agentIds } of groups.values()) {
      if (agentIds.length > 0) this.events.record({ type: 'waiting-changed', agentIds, items });
    }
  }
}
