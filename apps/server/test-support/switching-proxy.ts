import net from 'node:net';

/**
 * A TCP proxy that stands in for a load balancer in front of several instances: new connections go to the current
 * target. `hold()` keeps new connections waiting (no instance chosen yet) until `switchTo` names one; `dropAll`
 * cuts the open connections (an instance lost, a network blip).
 */
export interface SwitchingProxy {
  url: string;
  hold(): void;
  switchTo(targetUrl: string): void;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startSwitchingProxy(targetUrl: string): Promise<SwitchingProxy> {
  let target: URL | undefined = new URL(targetUrl);
  const open = new Set<net.Socket>();
  const waiting: net.Socket[] = [];
  const track = (s: net.Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => s.destroy());
  };
  const forward = (client: net.Socket, to: URL) => {
    const upstream = net.connect(Number(to.port), to.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (target) forward(client, target);
    else {
      client.pause();
      waiting.push(client);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  const dropAll = () => {
    for (const s of open) s.destroy();
  };
  return {
    url: `http://127.0.0.1:${address.port}`,
    hold() {
      target = undefined;
    },
    switchTo(url) {
      const to = new URL(url);
      target = to;
      for (const client of waiting.splice(0)) {
        if (client.destroyed) continue;
        forward(client, to);
        client.resume();
      }
    },
    dropAll,
    close() {
      dropAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
