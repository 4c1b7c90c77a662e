import { exponential, mulberry32 } from '@kcc/routing/simulator';
import { simUsername, SIM_AGENT_PASSWORD } from '../../src/modules/dashboard/sim-agents';
import { sendInbound, SimAgent } from './sim-agent';

/** Contacts per hour of the day (local time) at normal speed, per channel: a municipal KCC on a weekday. */
export const ARRIVALS_PER_HOUR: Record<'telefoon' | 'chat' | 'email' | 'webformulier', number[]> = {
  //          0  1  2  3  4  5  6  7   8   9  10  11  12  13  14  15  16  17  18  19  20 21 22 23
  telefoon: [0, 0, 0, 0, 0, 0, 0, 0, 60, 90, 80, 70, 45, 55, 60, 50, 35, 0, 0, 0, 0, 0, 0, 0],
  chat: [0, 0, 0, 0, 0, 0, 0, 2, 15, 25, 25, 22, 18, 20, 22, 18, 12, 5, 3, 2, 1, 0, 0, 0],
  email: [2, 1, 1, 1, 1, 2, 4, 8, 14, 16, 14, 12, 10, 12, 12, 10, 9, 8, 8, 7, 6, 5, 4, 3],
  webformulier: [1, 0, 0, 0, 0, 1, 2, 4, 8, 10, 9, 8, 6, 7, 8, 7, 6, 5, 5, 4, 4, 3, 2, 1],
};

/** Mean talk / handle time per channel, seconds, at normal speed. */
export const MEAN_HANDLE_SECONDS: Record<string, number> = {
  telefoon: 300,
  chat: 420,
  email: 240,
  webformulier: 240,
};

const GESPREKSRESULTATEN: [string, number][] = [
  ['zelfstandig_afgehandeld', 0.7],
  ['afgehandeld_na_ruggespraak', 0.08],
  ['doorverbonden_naar_afdeling', 0.08],
  ['contactverzoek_gemaakt', 0.08],
  ['klant_belt_terug', 0.06],
];
const ONDERWERPEN = [
  'Afvalpas',
  'Paspoort aanvragen',
  'Parkeervergunning',
  'WOZ-waarde',
  'Verhuizing doorgeven',
  'Bijstand',
];

export interface DaySimulationOptions {
  url: string;
  integrationKey: string;
  /** Bot agents sim001…simNNN (seeded with KCC_SIM_AGENTS ≥ this). */
  agents: number;
  /** Simulated seconds per real second. */
  speed: number;
  /** Local hour the simulated day starts at. */
  startHour: number;
  /** Stop after this many real seconds. */
  durationSeconds: number;
  /** Stop sending after this many contacts. */
  maxContacts: number;
  seed: number;
  /** Share of contacts after which an agent takes a pauze (5–15 simulated minutes). */
  pauseChance: number;
  log: (line: string) => void;
}

export interface DaySimulationResult {
  sent: number;
  handled: number;
  errors: number;
  realSeconds: number;
  simulatedUntil: string;
}

const pick = <T>(random: () => number, items: readonly [T, number][]): T => {
  let u = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) {
    u -= w;
    if (u <= 0) return item;
  }
  return items[items.length - 1]?.[0] as T;
};

/**
 * A simulated KCC day against a running server, through its public interfaces only: bots log in and work over
 * `/agent` and the registration route; contacts arrive through `/api/inbound` as a Poisson process whose rate
 * follows the hour-of-day profile per channel. Nawerk is the server's (KCC_WRAP_UP_MS).
 */
export async function runDaySimulation(o: DaySimulationOptions): Promise<DaySimulationResult> {
  const random = mulberry32(o.seed);
  let handled = 0;
  let errors = 0;
  const bots: SimAgent[] = [];
  for (let i = 1; i <= o.agents; i++) {
    const bot = new SimAgent(
      o.url,
      simUsername(i),
      SIM_AGENT_PASSWORD,
      {
        handleMs: (contact) =>
          (exponential(random, MEAN_HANDLE_SECONDS[contact.channel] ?? 300) * 1000) / o.speed,
        acceptDelayMs: () => (1000 + random() * 4000) / o.speed,
        gespreksresultaat: () => pick(random, GESPREKSRESULTATEN),
        onderwerp: () => ONDERWERPEN[Math.floor(random() * ONDERWERPEN.length)] ?? 'Overig',
        pauseAfterMs: () => (random() < o.pauseChance ? ((5 + random() * 10) * 60_000) / o.speed : undefined),
      },
      {
        onRegistered: () => handled++,
        onError: (agentId, what, err) => {
          errors++;
          if (errors <= 10) o.log(`fout bij ${agentId} (${what}): ${String(err)}`);
        },
      },
    );
    await bot.start();
    bots.push(bot);
  }
  o.log(`${bots.length} medewerkers ingelogd en beschikbaar`);

  const realStart = Date.now();
  const simStart = o.startHour * 3600;
  const simNow = () => simStart + ((Date.now() - realStart) / 1000) * o.speed;
  let sent = 0;
  const inFlight = new Set<Promise<unknown>>();
  const channels = Object.keys(ARRIVALS_PER_HOUR) as (keyof typeof ARRIVALS_PER_HOUR)[];
  const progress = setInterval(() => {
    o.log(`${clock(simNow())}  verstuurd ${sent}  afgehandeld ${handled}  fouten ${errors}`);
  }, 5000);

  // Thinning (Lewis–Shedler): candidate arrivals at the peak rate, kept with probability rate(t) / peak.
  const peakPerSimSecond = channels.reduce((s, c) => s + Math.max(...ARRIVALS_PER_HOUR[c]), 0) / 3600;
  let t = simStart;
  const endReal = realStart + o.durationSeconds * 1000;
  while (sent < o.maxContacts && Date.now() < endReal && t < 24 * 3600) {
    t += exponential(random, 1 / peakPerSimSecond);
    const hour = Math.floor(t / 3600) % 24;
    const rates = channels.map((c) => ARRIVALS_PER_HOUR[c][hour] ?? 0);
    const total = rates.reduce((a, b) => a + b, 0);
    if (random() * peakPerSimSecond * 3600 > total) continue;
    const channel = pick(
      random,
      channels.map((c, i) => [c, rates[i] ?? 0] as [typeof c, number]),
    );
    const dueRealMs = realStart + ((t - simStart) / o.speed) * 1000;
    const wait = dueRealMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (Date.now() >= endReal) break;
    const n = ++sent;
    const p = sendInbound(o.url, o.integrationKey, {
      channel,
      externalId: `sim-${o.seed}-${n}`,
      subject: 'Simulatie',
    }).catch((err: unknown) => {
      errors++;
      if (errors <= 10) o.log(`fout bij versturen: ${String(err)}`);
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  clearInterval(progress);
  for (const bot of bots) bot.stop();
  return {
    sent,
    handled,
    errors,
    realSeconds: (Date.now() - realStart) / 1000,
    simulatedUntil: clock(simNow()),
  };
}

function clock(simSeconds: number): string {
  const h = Math.floor(simSeconds / 3600) % 24;
  const m = Math.floor((simSeconds % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
