import { randomUUID } from 'node:crypto';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Contact } from '@kcc/contracts/domain';
import type {
  Ack,
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  ContactOfferedEvent,
} from '@kcc/contracts/realtime';

/**
 * A bot medewerker that works through the server's public interfaces only: log in (HTTP), the `/agent` socket
 * (presence, accept), the registration route. Used by `npm run simulate`, the M/M/N test and the benchmark.
 */
export interface SimAgentBehaviour {
  /** Talk time of this contact, ms (already divided by the speed-up). */
  handleMs(contact: Contact): number;
  /** Delay before accepting an offer, ms (0: at once). */
  acceptDelayMs?(): number;
  /** Gespreksresultaat code of the next registration. */
  gespreksresultaat(): string;
  onderwerp(): string;
  /** After a contact: go on pauze for this many ms, or undefined to stay available. */
  pauseAfterMs?(): number | undefined;
}

export interface SimAgentHooks {
  /** The accept ack arrived (the contact is assigned on the server). */
  onAssigned?(agentId: string, contact: Contact, at: number): void;
  onRegistered?(agentId: string, contactId: string): void;
  onError?(agentId: string, what: string, err: unknown): void;
}

type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

export async function login(
  url: string,
  username: string,
  password: string,
): Promise<{ token: string; userId: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { token: body.token, userId: body.user.id };
}

export class SimAgent {
  private socket: AgentSocket | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private token = '';
  userId = '';
  handled = 0;

  constructor(
    private readonly url: string,
    private readonly username: string,
    private readonly password: string,
    private readonly behaviour: SimAgentBehaviour,
    private readonly hooks: SimAgentHooks = {},
  ) {}

  async start(): Promise<void> {
    const { token, userId } = await login(this.url, this.username, this.password);
    this.token = token;
    this.userId = userId;
    const socket: AgentSocket = ioClient(`${this.url}/agent`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.on('contact:offered', (event) => this.onOffer(event));
    await this.setPresence('beschikbaar');
  }

  async setPresence(status: 'beschikbaar' | 'pauze' | 'offline'): Promise<void> {
    const ack = await this.socket?.timeout(10_000).emitWithAck('presence:set', { status });
    if (ack && !ack.ok) throw new Error(`presence ${status}: ${ack.error}`);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket?.disconnect();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        if (!this.stopped) fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(t);
  }

  private onOffer(event: ContactOfferedEvent): void {
    const accept = () => {
      const socket = this.socket;
      if (!socket) return;
      socket.emit('offer:accept', { offerId: event.offerId }, (ack: Ack<{ contact: Contact }>) => {
        const at = performance.now();
        if (!ack.ok) return; // expired or taken: the server moves on
        this.hooks.onAssigned?.(this.userId, ack.data.contact, at);
        this.later(this.behaviour.handleMs(ack.data.contact), () => void this.finish(ack.data.contact.id));
      });
    };
    const delay = this.behaviour.acceptDelayMs?.() ?? 0;
    if (delay > 0) this.later(delay, accept);
    else accept();
  }

  private async finish(contactId: string): Promise<void> {
    try {
      const res = await fetch(`${this.url}/api/contacts/${encodeURIComponent(contactId)}/registration`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.token}`,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          onderwerp: this.behaviour.onderwerp(),
          gespreksresultaat: this.behaviour.gespreksresultaat(),
        }),
      });
      if (res.status !== 201) throw new Error(`registration HTTP ${res.status}: ${await res.text()}`);
      this.handled++;
      this.hooks.onRegistered?.(this.userId, contactId);
      const pause = this.behaviour.pauseAfterMs?.();
      if (pause !== undefined && pause > 0 && !this.stopped) {
        await this.setPresence('pauze');
        this.later(
          pause,
          () => void this.setPresence('beschikbaar').catch((err: unknown) => this.fail('presence', err)),
        );
      }
    } catch (err) {
      this.fail('registration', err);
    }
  }

  private fail(what: string, err: unknown): void {
    if (!this.stopped) this.hooks.onError?.(this.userId, what, err);
  }
}

/** One inbound contact through the integration API; returns the contact id. */
export async function sendInbound(
  url: string,
  integrationKey: string,
  body: {
    channel: string;
    externalId: string;
    queue?: string;
    subject?: string;
    from?: Record<string, string>;
  },
): Promise<string> {
  const res = await fetch(`${url}/api/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-integration-key': integrationKey },
    body: JSON.stringify({ from: {}, ...body }),
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`inbound HTTP ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { contactId: string }).contactId;
}
