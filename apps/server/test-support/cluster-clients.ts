import { randomUUID } from 'node:crypto';
import { io as ioClient } from 'socket.io-client';
import type { ContactOfferedEvent } from '@kcc/contracts/realtime';
import type { AgentClient } from './test-server';

/**
 * Clients of a cluster as a resilient integrator and workplace would be: a request that meets a dead or
 * unready instance (no connection, 502/503, no answer in time) is sent again, with the same idempotency key,
 * to the next instance; an agent whose instance dies connects to another.
 */
/** Retries wait a little longer each time (up to 1 s), as real clients do, instead of spinning. */
const backOff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(1_000, 50 * attempt)));

export class ClusterEndpoints {
  private next = 0;
  constructor(
    private readonly urls: readonly string[],
    private readonly isAlive: (url: string) => boolean,
  ) {}

  /** The next live instance, round robin. */
  pick(): string {
    for (let i = 0; i < this.urls.length; i++) {
      const url = this.urls[this.next++ % this.urls.length] as string;
      if (this.isAlive(url)) return url;
    }
    throw new Error('no live instance');
  }

  /**
   * `fetch` against the live instances until one answers with anything but a 502/503/504. `deadlineMs` is a
   * hang guard: a cluster that never answers fails the test instead of hanging it.
   */
  async request(path: string, init: RequestInit, deadlineMs = 60_000): Promise<Response> {
    const deadline = Date.now() + deadlineMs;
    let last: unknown;
    let attempt = 0;
    while (Date.now() < deadline) {
      const url = this.pick();
      try {
        const res = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(5_000) });
        if (res.status < 502 || res.status > 504) return res;
        last = new Error(`${res.status} from ${url}`);
      } catch (err) {
        last = err; // connection refused or reset, or no answer in time: the next instance
      }
      await backOff(++attempt);
    }
    throw new Error(`no instance answered ${path}: ${String(last)}`);
  }
}

export interface SimAgentCallbacks {
  onOffer(agent: string, offer: ContactOfferedEvent): void;
  /** The contact was accepted, registered (with one idempotency key, retried until acknowledged) and finished. */
  onRegistered(agent: string, contactId: string, klantcontactUuid: string): void;
  onError(agent: string, err: unknown): void;
}

/**
 * A simulated agent: available, accepts every offer, registers the contact with one idempotency key (sent again
 * after a failure, to any instance) and becomes available again. When its socket's instance dies it connects to
 * the next live instance and carries on.
 */
export class SimAgent {
  private socket: AgentClient | undefined;
  private stopped = false;

  constructor(
    readonly username: string,
    private readonly token: string,
    private readonly endpoints: ClusterEndpoints,
    private readonly callbacks: SimAgentCallbacks,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.disconnect();
  }

  private async connect(): Promise<void> {
    let attempts = 0;
    while (!this.stopped) {
      const url = this.endpoints.pick();
      const socket: AgentClient = ioClient(`${url}/agent`, {
        auth: { token: this.token },
        transports: ['websocket'],
        reconnection: false,
      });
      const connected = await new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('connect_error', () => resolve(false));
      });
      if (!connected) {
        socket.close();
        await backOff(++attempts);
        continue;
      }
      this.socket = socket;
      socket.on('contact:offered', (offer) => void this.handle(socket, offer));
      socket.once('disconnect', () => {
        if (!this.stopped) void this.connect();
      });
      const ack = await socket.emitWithAck('presence:set', { status: 'beschikbaar' }).catch(() => undefined);
      if (ack) return this.resume();
      socket.disconnect(); // the instance went away while answering: try the next
    }
  }

  private async handle(socket: AgentClient, offer: ContactOfferedEvent): Promise<void> {
    this.callbacks.onOffer(this.username, offer);
    try {
      const accepted = await socket.timeout(5_000).emitWithAck('offer:accept', { offerId: offer.offerId });
      if (!accepted.ok) return; // expired, taken or withdrawn: routing offers it again
    } catch {
      return this.resume(); // no answer: the instance may have died after accepting
    }
    await this.register(offer.contact.id);
  }

  /** After a reconnect or a lost answer: finish the contacts this agent holds. */
  private async resume(): Promise<void> {
    try {
      const res = await this.endpoints.request('/api/me/contacts', {
        headers: { authorization: `Bearer ${this.token}` },
      });
      const { items } = (await res.json()) as { items: { id: string; status: string }[] };
      for (const c of items) if (c.status === 'assigned') await this.register(c.id);
    } catch (err) {
      this.callbacks.onError(this.username, err);
    }
  }

  private readonly registering = new Set<string>();
  private readonly keys = new Map<string, string>();

  private keyFor(contactId: string): string {
    let key = this.keys.get(contactId);
    if (key === undefined) this.keys.set(contactId, (key = randomUUID()));
    return key;
  }

  private async register(contactId: string): Promise<void> {
    if (this.registering.has(contactId)) return;
    this.registering.add(contactId);
    try {
      const res = await this.endpoints.request(`/api/contacts/${contactId}/registration`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
          // One key per contact, the same on every attempt: a retry after a lost answer is not a second one.
          'idempotency-key': this.keyFor(contactId),
        },
        body: JSON.stringify({
          onderwerp: 'Paspoort aanvragen',
          gespreksresultaat: 'zelfstandig_afgehandeld',
        }),
      });
      if (res.status !== 201) throw new Error(`registration ${contactId}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { klantcontact: { uuid: string } };
      this.callbacks.onRegistered(this.username, contactId, body.klantcontact.uuid);
      await this.socket?.timeout(5_000).emitWithAck('presence:set', { status: 'beschikbaar' });
    } catch (err) {
      this.callbacks.onError(this.username, err);
    } finally {
      this.registering.delete(contactId);
    }
  }
}
