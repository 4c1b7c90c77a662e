import type { QueueInfo } from '@kcc/contracts/domain';
import type { AgentConfig, QueueConfig } from '@kcc/routing';
import type { QueuesRepository, StoredQueue } from '../queues/queues.repository';

export interface QueueOverrides {
  /** Overrides every queue's accept timeout. */
  acceptTimeoutMs?: number;
  /** Overrides every queue's wrap-up time. */
  wrapUpMs?: number;
}

/**
 * The queues and the agents who serve them, as configured: which queue a channel lands in, which queues an agent
 * serves, what an agent may be shown. It knows nothing of who is available or what waits (that is the engine's).
 */
export class QueueDirectory {
  private readonly queues = new Map<string, StoredQueue>();
  private readonly agents = new Map<string, AgentConfig>();

  constructor(
    private readonly store: QueuesRepository,
    private readonly overrides: QueueOverrides = {},
  ) {}

  /** Read the configuration from the store; returns it as the engine needs it. */
  async load(): Promise<{ queues: QueueConfig[]; agents: AgentConfig[] }> {
    for (const q of await this.store.list()) {
      const config: QueueConfig = {
        ...q.config,
        ...(this.overrides.acceptTimeoutMs !== undefined
          ? { acceptTimeoutMs: this.overrides.acceptTimeoutMs }
          : {}),
        ...(this.overrides.wrapUpMs !== undefined ? { wrapUpMs: this.overrides.wrapUpMs } : {}),
      };
      this.queues.set(config.id, { ...q, config });
    }
    for (const a of await this.store.agentProfiles()) this.agents.set(a.id, a);
    return { queues: [...this.queues.values()].map((q) => q.config), agents: [...this.agents.values()] };
  }

  hasQueue(queueId: string): boolean {
    return this.queues.has(queueId);
  }

  queueIds(): string[] {
    return [...this.queues.keys()];
  }

  queueConfig(queueId: string): QueueConfig | undefined {
    return this.queues.get(queueId)?.config;
  }

  /** The queue inbound contacts of this channel land in when they name none. */
  defaultQueueFor(channel: string): string | undefined {
    for (const q of this.queues.values()) {
      if ((q.defaultForChannels as string[]).includes(channel)) return q.config.id;
    }
    for (const q of this.queues.values()) {
      if ((q.config.channels as string[]).includes(channel)) return q.config.id;
    }
    return undefined;
  }

  queueServes(queueId: string, channel: string): boolean {
    return (this.queues.get(queueId)?.config.channels as string[] | undefined)?.includes(channel) ?? false;
  }

  isAgent(userId: string): boolean {
    return this.agents.has(userId);
  }

  agentIds(): string[] {
    return [...this.agents.keys()];
  }

  agentConfig(agentId: string): AgentConfig | undefined {
    return this.agents.get(agentId);
  }

  /** The queues this agent serves now (its own list, or every queue when the list is empty). */
  servedQueueIds(agentId: string): string[] {
    const agent = this.agents.get(agentId);
    if (!agent) return [];
    const ids = agent.queueIds && agent.queueIds.length > 0 ? agent.queueIds : [...this.queues.keys()];
    return ids.filter((id) => this.queues.has(id));
  }

  queueInfosFor(agentId: string): QueueInfo[] {
    return this.servedQueueIds(agentId).flatMap((id) => {
      const c = this.queues.get(id)?.config;
      if (!c) return [];
      return [
        {
          id: c.id,
          name: c.name,
          channels: c.channels,
          priority: c.priority,
          servicenorm: c.servicenorm,
          acceptTimeoutSeconds: Math.max(1, Math.ceil(c.acceptTimeoutMs / 1000)),
          wrapUpSeconds: Math.round(c.wrapUpMs / 1000),
        },
      ];
    });
  }

  /** A new agent (an employee's first login as medewerker): stored and known from now on. */
  async addAgent(config: AgentConfig): Promise<void> {
    if (this.agents.has(config.id)) return;
    await this.store.upsertAgentProfile(config);
    this.agents.set(config.id, config);
  }

  /** Store an agent's new queues / skills (team leader). */
  async updateAgent(config: AgentConfig): Promise<void> {
    if (!this.agents.has(config.id)) throw new Error(`unknown agent ${config.id}`);
    await this.store.upsertAgentProfile(config);
    this.agents.set(config.id, config);
  }
}
