import { createServer } from './app';
import { ConfigError, loadConfig } from './config';
import { AdjustableClock } from './shared/adjustable-clock';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  let server;
  try {
    // End-to-end tests move the server's time instead of waiting for it (demo only; createServer checks).
    server = await createServer(
      config,
      process.env.KCC_TEST_CLOCK === '1' ? { testClock: new AdjustableClock() } : {},
    );
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      console.error(`Poort ${config.port} op ${config.host} is al in gebruik (KCC_PORT).`);
    else console.error(`De server kon niet starten: ${e.message}`);
    process.exit(1);
  }
  server.app.log.info(`KCC-server luistert op ${server.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    server.app.log.info(`${signal}: server stopt`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
