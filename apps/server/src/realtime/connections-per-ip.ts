/** What a namespace middleware sees of a socket: enough to notice it closing. */
interface ClosingSocket {
  once(event: 'disconnect', listener: () => void): unknown;
  conn: { once(event: 'close', listener: () => void): unknown };
}

/**
 * Open connections per IP address on one namespace: `admit` lets a socket in while its address has fewer than
 * `max` open, and counts it down once when it closes (disconnect or transport close, whichever comes first).
 */
export function connectionsPerIp(): { admit(socket: ClosingSocket, ip: string, max: number): boolean } {
  const open = new Map<string, number>();
  return {
    admit(socket, ip, max) {
      const count = open.get(ip) ?? 0;
      if (count >= max) return false;
      open.set(ip, count + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const n = (open.get(ip) ?? 1) - 1;
        if (n <= 0) open.delete(ip);
        else open.set(ip, n);
      };
      socket.once('disconnect', release);
      socket.conn.once('close', release);
      return true;
    },
  };
}
