import { io as ioClient, type Socket } from 'socket.io-client';
import type {
  DashboardClientToServerEvents,
  DashboardDelta,
  DashboardServerToClientEvents,
  DashboardSnapshot,
  QueueLive,
  AgentLive,
} from '@kcc/contracts/dashboard';

export type DashboardSocket = Socket<DashboardServerToClientEvents, DashboardClientToServerEvents>;

/**
 * A `/dashboard` client that keeps the view the way the UI must: snapshot, then deltas applied by id, a resync
 * when a seq is missed. `waitFor` resolves once the view satisfies a predicate.
 */
export class DashboardView {
  snapshot: DashboardSnapshot | undefined;
  readonly queues = new Map<string, QueueLive>();
  readonly agents = new Map<string, AgentLive>();
  seq = -1;
  deltas = 0;
  resyncs = 0;
  private readonly waiters = new Set<() => void>();
  /** Called with each delta as it arrives (benchmarks). */
  onDelta: ((delta: DashboardDelta) => void) | undefined;

  constructor(readonly socket: DashboardSocket) {
    socket.on('dashboard:snapshot', (s) => this.apply(s));
    socket.on('dashboard:delta', (d) => {
      this.deltas++;
      this.onDelta?.(d);
      if (d.seq !== this.seq + 1) {
        if (d.seq <= this.seq) return; // older than our snapshot
        this.resyncs++;
        void socket
          .timeout(5000)
          .emitWithAck('dashboard:resync', {})
          .then((ack) => {
            if (ack.ok) this.apply(ack.data);
          });
        return;
      }
      this.seq = d.seq;
      for (const q of d.queues) this.queues.set(q.id, q);
      for (const a of d.agents) this.agents.set(a.id, a);
      this.notify();
    });
  }

  private apply(s: DashboardSnapshot): void {
    this.snapshot = s;
    this.seq = s.seq;
    this.queues.clear();
    this.agents.clear();
    for (const q of s.queues) this.queues.set(q.id, q);
    for (const a of s.agents) this.agents.set(a.id, a);
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves once `predicate` holds; `ms` only guards against a hang, it is no speed requirement. */
  waitFor(predicate: (view: DashboardView) => boolean, what = 'dashboard state', ms = 15_000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timeout waiting for ${what}`));
      }, ms);
      this.waiters.add(check);
    });
  }
}

/** Connect to `/dashboard`; resolves with the view once the first snapshot is in. */
export async function connectDashboard(url: string, token: string): Promise<DashboardView> {
  const socket: DashboardSocket = ioClient(`${url}/dashboard`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  const view = new DashboardView(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('dashboard:snapshot', () => resolve());
  });
  return view;
}
