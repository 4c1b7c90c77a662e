import { systemClock, type CancelTimer, type Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';

export interface DisconnectActions {
  /**
   * The last socket is gone: nobody sees offers now. Withdraw the pending ones (they are re-offered at once) and
   * take no new ones during the grace; `true` when this changed the agent, so a reconnect undoes it.
   */
  unreachable(agentId: string): Promise<boolean>;
  /** Back within the disconnect grace after `unreachable` changed the agent: take offers again. */
  reachable(agentId: string): Promise<void>;
  /** All sockets gone for the disconnect grace: presence offline, pending offers re-queued. */
  goOffline(agentId: string): Promise<void>;
  /** Still gone after the reconnect grace: the agent's active contacts go back in line with their context. */
  requeueActive(agentId: string): Promise<void>;
}

interface AgentTimers {
  offline?: CancelTimer;
  requeue?: CancelTimer;
}

/**
 * Counts the sockets of each agent (one agent may have several windows) and runs the two disconnect timers
 * once the last one is gone. A reconnect within the grace cancels them.
 */
export class ConnectionTracker {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly timers = new Map<string, AgentTimers>();
  /** Agents `unreachable` changed whose disconnect grace is still running. */
  private readonly parked = new Set<string>();

  constructor(
    private readonly actions: DisconnectActions,
    private readonly grace: { disconnectMs: number; reconnectMs: number },
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  connected(agentId: string, socketId: string): void {
    let set = this.sockets.get(agentId);
    if (!set) {
      set = new Set();
      this.sockets.set(agentId, set);
    }
    set.add(socketId);
    this.clearTimers(agentId);
    if (this.parked.delete(agentId)) this.safely(agentId, 'reachable', () => this.actions.reachable(agentId));
  }

  disconnected(agentId: string, socketId: string): void {
    const set = this.sockets.get(agentId);
    set?.delete(socketId);
    if (set && set.size > 0) return;
    this.sockets.delete(agentId);
    this.startGrace(agentId, { offline: true });
    this.safely(agentId, 'unreachable', async () => {
      if (!(await this.actions.unreachable(agentId))) return;
      // Back already while the command ran: undo it now.
      if (this.isConnected(agentId)) await this.actions.reachable(agentId);
      else this.parked.add(agentId);
    });
  }

  /** After a restart: agents holding contacts get the reconnect grace (they are already offline). */
  startReconnectGrace(agentId: string): void {
    if (this.isConnected(agentId)) return;
    this.startGrace(agentId, { offline: false });
  }

  isConnected(agentId: string): boolean {
    return (this.sockets.get(agentId)?.size ?? 0) > 0;
  }

  stop(): void {
    for (const agentId of this.timers.keys()) this.clearTimers(agentId);
  }

  private startGrace(agentId: string, opts: { offline: boolean }): void {
    this.clearTimers(agentId);
    const timers: AgentTimers = {};
    if (opts.offline) {
      timers.offline = this.clock.setTimer(this.grace.disconnectMs, () => {
        this.parked.delete(agentId);
        this.safely(agentId, 'offline', () => this.actions.goOffline(agentId));
      });
    }
    timers.requeue = this.clock.setTimer(this.grace.reconnectMs, () => {
      this.safely(agentId, 'requeue', () => this.actions.requeueActive(agentId));
      this.timers.delete(agentId);
    });
    this.timers.set(agentId, timers);
  }

  private safely(agentId: string, what: string, fn: () => Promise<void>): void {
    fn().catch((err: unknown) => this.log.error({ err, agentId }, `disconnect ${what} failed`));
  }

  private clearTimers(agentId: string): void {
    const t = this.timers.get(agentId);
    if (!t) return;
    t.offline?.();
    t.requeue?.();
    this.timers.delete(agentId);
  }
}
