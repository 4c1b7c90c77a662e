/**
 * `npm run simulate`: a simulated KCC day against a running server (demos, load), through its public interfaces
 * only (HTTP + socket.io). Start the server with bot agents first, e.g.
 *
 *   KCC_SIM_AGENTS=20 KCC_INTEGRATION_KEY=simulatie-sleutel KCC_WRAP_UP_MS=5000 npm start
 *   npm run simulate -- --agents 20 --speed 30 --duration 300 --key simulatie-sleutel
 *
 * Options: --url (http://127.0.0.1:4700) --key (or KCC_INTEGRATION_KEY) --agents (10) --speed simulated seconds per
 * real second (20) --start-hour (8) --duration real seconds (300) --max-contacts (5000) --seed (1) --pause-chance (0.1)
 */
import { parseArgs } from 'node:util';
import { runDaySimulation } from '../apps/server/test-support/simulation/day-simulation';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4700' },
    key: { type: 'string', default: process.env.KCC_INTEGRATION_KEY ?? '' },
    agents: { type: 'string', default: '10' },
    speed: { type: 'string', default: '20' },
    'start-hour': { type: 'string', default: '8' },
    duration: { type: 'string', default: '300' },
    'max-contacts': { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    'pause-chance': { type: 'string', default: '0.1' },
  },
});

function num(name: keyof typeof values, min: number, max: number): number {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v < min || v > max) {
    console.error(`--${name} moet een getal tussen ${min} en ${max} zijn (nu: ${String(values[name])})`);
    process.exit(2);
  }
  return v;
}

const options = {
  url: String(values.url).replace(/\/$/, ''),
  integrationKey: String(values.key),
  agents: Math.floor(num('agents', 1, 1000)),
  speed: num('speed', 0.1, 3600),
  startHour: Math.floor(num('start-hour', 0, 23)),
  durationSeconds: num('duration', 1, 24 * 3600),
  maxContacts: Math.floor(num('max-contacts', 1, 1_000_000)),
  seed: Math.floor(num('seed', 0, 2 ** 31)),
  pauseChance: num('pause-chance', 0, 1),
  log: (line: string) => console.log(line),
};
if (options.integrationKey === '') {
  console.error('Geef de integratiesleutel van de server mee: --key of KCC_INTEGRATION_KEY.');
  process.exit(2);
}

runDaySimulation(options).then(
  (r) => {
    console.log(
      `Klaar: ${r.sent} contacten verstuurd, ${r.handled} afgehandeld, ${r.errors} fouten, ` +
        `${r.realSeconds.toFixed(0)} s echte tijd, gesimuleerd tot ${r.simulatedUntil}.`,
    );
    process.exit(r.errors > 0 ? 1 : 0);
  },
  (err: unknown) => {
    console.error(`Simulatie mislukt: ${err instanceof Error ? err.message : String(err)}`);
    console.error('Draait de server, met KCC_SIM_AGENTS ≥ --agents en KCC_DEMO aan?');
    process.exit(1);
  },
);
