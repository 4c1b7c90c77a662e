import type { Server } from 'socket.io';

const barriers = new WeakMap<object, () => Promise<void>>();

/** Every socket ack on this server (`on`) waits for `durable` first: acknowledged means stored on disk. */
export function setAckBarrier(io: Server, durable: () => Promise<void>): void {
  barriers.set(io, durable);
}

/** The barrier of the server a socket belongs to, if any. */
export function ackBarrierOf(socket: unknown): (() => Promise<void>) | undefined {
  const server = (socket as { nsp?: { server?: unknown } }).nsp?.server;
  return typeof server === 'object' && server !== null ? barriers.get(server) : undefined;
}
