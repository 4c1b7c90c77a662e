/**
 * Co-browse benchmark (issue 12), in Debian's Chromium against the real server process, the built widget and the
 * built workplace: a resident on the demo site, Anna in the workplace with the co-browse pane.
 *
 * - bytes per minute of `cobrowse:events` frames the agent's page receives while a scripted resident fills in
 *   the parkeervergunning form, and on a 10,000-node page with a mutation storm;
 * - resident main-thread time per mutation batch on that page (Chrome's TaskDuration), with the recorder and,
 *   in the same run, without it (the same storm on a page without a session) and with rrweb's recorder alone
 *   (default options, events only stringified: the share of rrweb's own mutation handling);
 * - latency from a DOM change on the resident's page to its display in the agent's replay (a MutationObserver in
 *   the replay iframe), p50 and p99, next to a bare socket.io echo round trip over loopback (the floor).
 *
 *   npx tsx apps/server/bench/cobrowse.bench.ts      (needs `npm run build` and /usr/bin/chromium)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { io as ioClient } from 'socket.io-client';
import {
  isMain,
  percentile,
  round,
  runDirectly,
  sleep,
  sortedCopy,
  type BenchResult,
  type BenchRow,
} from './bench-util';
import { REPO_ROOT } from '../src/config';
import { startEchoProcess, startServerProcess, type ChildServer } from './processes';

const KEY = 'bench-integratie-sleutel';
const CHROMIUM = process.env.KCC_CHROMIUM ?? '/usr/bin/chromium';
const FORM_SECONDS = Number(process.env.COBROWSE_BENCH_FORM_SECONDS ?? 30);
const STORM_BATCHES = Number(process.env.COBROWSE_BENCH_STORM_BATCHES ?? 150);
const STORM_MUTATIONS = 1000;
const LATENCY_SAMPLES = Number(process.env.COBROWSE_BENCH_LATENCY_SAMPLES ?? 200);
const VIEWPORT = { width: 1366, height: 768 };
/** rrweb's recorder as one script (it sets `window.rrwebRecord`), for the storm without our layer on top. */
const RRWEB_RECORD_UMD = path.join(REPO_ROOT, 'node_modules/@rrweb/record/dist/record.umd.min.cjs');

/** 10,000 nodes: 1,000 rows of a div with 9 spans; the storm changes text or class of 1,000 spans a batch. */
const STORM_HTML = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Storm</title></head><body>
<main><h1>Mutatiestorm</h1><p id="marker">M-1</p><div id="rows"></div></main>
<script src="cobrowse-storm.js"></script><script src="/widget.js" data-queue="chat" defer></script></body></html>`;
const STORM_JS = `
const rows = document.getElementById('rows');
for (let r = 0; r < 1000; r++) {
  const div = document.createElement('div');
  for (let c = 0; c < 9; c++) { const s = document.createElement('span'); s.textContent = 'cel ' + r + '.' + c + ' '; div.append(s); }
  rows.append(div);
}
const spans = rows.getElementsByTagName('span');
let round = 0;
window.stormBatch = (n) => {
  round++;
  for (let i = 0; i < n; i++) {
    const s = spans[(round * 7919 + i * 13) % spans.length];
    if (i % 2) s.textContent = 'r' + round + ' ' + i; else s.className = 'c' + (round % 5);
  }
};`;

/** The built widget and demo site plus the storm page, served by the real server (its CSP applies). */
function widgetDirWithStorm(tmp: string): string {
  const dir = path.join(tmp, 'widget');
  fs.cpSync(path.join(REPO_ROOT, 'apps/widget/dist'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'demo/cobrowse-storm.html'), STORM_HTML);
  fs.writeFileSync(path.join(dir, 'demo/cobrowse-storm.js'), STORM_JS);
  return dir;
}

interface Session {
  agent: Page;
  resident: Page;
  agentBytes: () => number;
  close(): Promise<void>;
}

async function newPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: url, viewport: VIEWPORT, locale: 'nl-NL' });
  return { context, page: await context.newPage() };
}

async function cti(url: string, event: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${url}/api/channels/telefonie/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-integration-key': KEY },
    body: JSON.stringify(event),
  });
  const body = await res.text();
  if (res.status !== 200 || !body.includes('processed')) throw new Error(`cti ${res.status}: ${body}`);
}

/** Anna on a call, the resident on `residentPath`, a session by code, consent given; her frames counted. */
async function openSession(
  browser: Browser,
  url: string,
  residentPath: string,
  callId: string,
): Promise<Session> {
  const agentSide = await newPage(browser, url);
  const agent = agentSide.page;
  let bytes = 0;
  agent.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
      if (text.includes('cobrowse:events')) bytes += Buffer.byteLength(text);
    }),
  );
  await agent.goto('/');
  await agent.getByLabel('Gebruikersnaam').fill('anna');
  await agent.getByLabel('Wachtwoord').fill('demo');
  await agent.getByRole('button', { name: 'Inloggen' }).click();
  const status = agent.getByTestId('status-select');
  await agent.locator('[data-app-state="ready"]').filter({ has: status }).waitFor();
  await status.selectOption('beschikbaar');
  await agent.locator('[data-testid="status-select"]:not([disabled])').waitFor();
  while ((await status.inputValue()) !== 'beschikbaar') await sleep(50);
  await cti(url, {
    eventId: `${callId}-o`,
    type: 'call.offered',
    callId,
    from: '0687654321',
    queue: 'algemeen',
  });
  await agent
    .getByTestId('offer-card')
    .getByRole('button', { name: 'Accepteren' })
    .click()
    .catch(async (err: unknown) => {
      await agent.screenshot({ path: '/tmp/cobrowse-bench-agent.png' });
      throw err;
    });

  const residentSide = await newPage(browser, url);
  const resident = residentSide.page;
  if (process.env.COBROWSE_BENCH_DEBUG) {
    resident.on('console', (m) => console.error('resident:', m.text()));
    resident.on('pageerror', (e) => console.error('resident error:', e.message));
    resident.on('requestfailed', (r) => console.error('resident request failed:', r.url()));
  }
  await resident.goto(residentPath);
  await resident.getByTestId('kcc-cobrowse-help').click();
  const code = ((await resident.getByTestId('kcc-cobrowse-code').textContent()) ?? '').replace(/\s+/g, '');
  const pane = agent.getByTestId('cobrowse-pane');
  await pane.getByLabel('Code van de inwoner').fill(code);
  await pane.getByRole('button', { name: 'Code invoeren' }).click();
  await resident.getByRole('alertdialog').getByRole('button', { name: 'Toestaan' }).click();
  await agent.getByTestId('cobrowse-replay').frameLocator('iframe').locator('h1').waitFor();
  return {
    agent,
    resident,
    agentBytes: () => bytes,
    close: async () => {
      await residentSide.context.close();
      await agentSide.context.close();
    },
  };
}

/** A resident filling in the four steps at a human pace, with mouse movement, for `seconds`. */
async function fillForm(page: Page, seconds: number): Promise<void> {
  const form = page.locator('#vergunning');
  const until = Date.now() + seconds * 1000;
  const type = async (label: string, text: string) => {
    const field = form.getByLabel(label, { exact: true });
    const box = await field.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
    await field.click();
    await field.fill('');
    await field.pressSequentially(text, { delay: 150 });
  };
  const next = () => form.getByRole('button', { name: /Volgende|Aanvraag versturen/ }).click();
  while (Date.now() < until) {
    await type('Naam', 'Fatima El Amrani');
    await type('Burgerservicenummer (BSN)', '999993653');
    await type('E-mailadres', 'fatima@example.nl');
    await next();
    await type('Straat en huisnummer', 'Lindelaan 14');
    await type('Postcode', '1234 AB');
    await type('Kenteken van de auto', 'XK-482-P');
    await next();
    await type('Rekeningnummer (IBAN)', 'NL91ABNA0417164300');
    await type('Op naam van', 'F. El Amrani');
    await next();
    await page.mouse.wheel(0, 300);
    await sleep(1000);
    for (let i = 0; i < 3; i++) await form.getByRole('button', { name: 'Vorige' }).click();
  }
}

/** Main-thread busy time (ms) of the page's renderer while `fn` runs (Chrome's Performance.TaskDuration). */
async function taskMs<T>(page: Page, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  const before = await read();
  const result = await fn();
  const after = await read();
  await cdp.detach();
  return { ms: (after - before) * 1000, result };
}

/**
 * `STORM_BATCHES` batches of `STORM_MUTATIONS` mutations, one every 100 ms. Returns, per batch, the synchronous
 * time of the mutations plus the MutationObserver callbacks they trigger (rrweb's, when recording), which run in
 * the microtask checkpoint before the awaited promise resumes.
 */
async function storm(page: Page): Promise<number[]> {
  const sync: number[] = [];
  for (let i = 0; i < STORM_BATCHES; i++) {
    sync.push(
      await page.evaluate<number>(
        `(async () => { const t0 = performance.now(); window.stormBatch(${STORM_MUTATIONS}); ` +
          'await Promise.resolve(); return performance.now() - t0; })()',
      ),
    );
    await sleep(100);
  }
  await sleep(500); // the last batch's recording and sending
  return sync;
}

async function echoFloor(echo: ChildServer): Promise<number[]> {
  const socket = ioClient(echo.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const payload = { text: 'x'.repeat(300) };
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES + 20; i++) {
    const t0 = performance.now();
    await socket.timeout(5000).emitWithAck('echo', payload);
    if (i >= 20) samples.push(performance.now() - t0);
    await sleep(50);
  }
  socket.disconnect();
  return samples;
}

/** DOM change on the resident's page → the same text in the agent's replay iframe (same machine clock). */
async function replayLatency(session: Session): Promise<number[]> {
  const frame = session.agent.frameLocator('[data-testid="cobrowse-replay"] iframe');
  await frame.locator('#marker').waitFor();
  // Page scripts as strings: this file compiles without the DOM library.
  await session.agent.evaluate(`(() => {
    const doc = document.querySelector('[data-testid="cobrowse-replay"] iframe')?.contentDocument;
    const seen = (window.seen = {});
    if (!doc) return;
    new MutationObserver(() => {
      const text = doc.getElementById('marker')?.textContent ?? '';
      if (text && seen[text] === undefined) seen[text] = performance.timeOrigin + performance.now();
    }).observe(doc, { subtree: true, childList: true, characterData: true });
  })()`);
  const sent: Record<string, number> = {};
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const label = `M${i}`;
    sent[label] = await session.resident.evaluate<number>(
      `(() => { document.getElementById('marker').textContent = '${label}'; ` +
        'return performance.timeOrigin + performance.now(); })()',
    );
    await sleep(50);
  }
  await sleep(3000);
  const seen = await session.agent.evaluate<Record<string, number>>('window.seen');
  return Object.entries(sent).flatMap(([label, t0]) => (seen[label] !== undefined ? [seen[label] - t0] : []));
}

export async function runCobrowseBench(): Promise<BenchResult> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (KCC_CHROMIUM)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-cobrowse-bench-'));
  const server = await startServerProcess({
    KCC_DATA_DIR: dataDir,
    KCC_DEMO: '1',
    KCC_INTEGRATION_KEY: KEY,
    KCC_LOG_LEVEL: 'warn',
    KCC_NO_DESKTOP: '1',
    KCC_SMTP_PORT: '0',
    KCC_WIDGET_DIR: widgetDirWithStorm(dataDir),
  });
  const echo = await startEchoProcess();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const rows: BenchRow[] = [];
  const perBatch = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / values.length, 2);
  try {
    // Baseline first, while nothing else runs: the storm on the same page without a session.
    const plain = await newPage(browser, server.url);
    await plain.page.goto('/demo/cobrowse-storm.html');
    await plain.page.getByTestId('kcc-cobrowse-help').waitFor();
    const base = await taskMs(plain.page, () => storm(plain.page));
    await plain.context.close();
    // rrweb alone on the same storm: its own mutation handling, without our masking, parts and socket.
    const bare = await newPage(browser, server.url);
    await bare.page.goto('/demo/cobrowse-storm.html');
    await bare.page.getByTestId('kcc-cobrowse-help').waitFor();
    await bare.page.evaluate(fs.readFileSync(RRWEB_RECORD_UMD, 'utf8'));
    await bare.page.evaluate(`(() => {
      let queue = [], timer;
      window.rrwebRecord.record({ emit(event) {
        queue.push(event);
        timer ??= setTimeout(() => { timer = undefined; window.bareBytes = (window.bareBytes ?? 0) + JSON.stringify(queue).length; queue = []; }, 0);
      } });
    })()`);
    const rrwebAlone = await taskMs(bare.page, () => storm(bare.page));
    await bare.context.close();

    // 1. The demo form, filled in at a human pace.
    const session = await openSession(browser, server.url, '/demo/parkeervergunning.html', 'bench-1');
    const initial = session.agentBytes();
    const t0 = performance.now();
    await fillForm(session.resident, FORM_SECONDS);
    await sleep(500);
    const formMinutes = (performance.now() - t0) / 60_000;
    rows.push(
      {
        name: 'Demo form: first snapshot',
        value: round(initial / 1024, 1),
        unit: 'kB',
        note: 'page + styles, once per page',
      },
      {
        name: 'Demo form: bytes per minute while filling in',
        value: round((session.agentBytes() - initial) / 1024 / formMinutes, 1),
        unit: 'kB/min',
        note: `${round(formMinutes * 60)} s of typing, mouse, 4 steps and back, as received by the agent's page`,
      },
    );

    // 2. The resident goes to the 10,000-node page in the same tab; the session follows. Latency while quiet.
    await session.resident.goto('/demo/cobrowse-storm.html');
    await session.agent
      .getByTestId('cobrowse-replay')
      .frameLocator('iframe')
      .getByRole('heading', { name: 'Mutatiestorm' })
      .waitFor();
    const latencies = sortedCopy(await replayLatency(session));
    const floor = sortedCopy(await echoFloor(echo));
    rows.push(
      {
        name: 'DOM change → agent replay p50',
        value: round(percentile(latencies, 50), 1),
        unit: 'ms',
        note: `${latencies.length} of ${LATENCY_SAMPLES} changes seen, 10,000-node page`,
      },
      { name: 'DOM change → agent replay p99', value: round(percentile(latencies, 99), 1), unit: 'ms' },
      {
        name: 'socket.io echo round trip p50 (floor)',
        value: round(percentile(floor, 50), 2),
        unit: 'ms',
        note: 'bare server, same run',
      },
      { name: 'socket.io echo round trip p99 (floor)', value: round(percentile(floor, 99), 2), unit: 'ms' },
    );

    // 3. The mutation storm with the recorder running.
    const before = session.agentBytes();
    const s0 = performance.now();
    const rec = await taskMs(session.resident, () => storm(session.resident));
    const stormMinutes = (performance.now() - s0) / 60_000;
    rows.push(
      {
        name: '10,000 nodes, mutation storm: bytes per minute',
        value: round((session.agentBytes() - before) / 1024 / stormMinutes, 1),
        unit: 'kB/min',
        note: `${STORM_BATCHES} batches of ${STORM_MUTATIONS} mutations, one per 100 ms`,
      },
      {
        name: 'Resident mutation batch + observers (sync), recording',
        value: perBatch(rec.result),
        unit: 'ms',
        note: 'mutations and rrweb’s MutationObserver work, per batch',
      },
      {
        name: 'Resident mutation batch + observers (sync), no session (baseline)',
        value: perBatch(base.result),
        unit: 'ms',
        note: 'same page and storm, same run',
      },
      {
        name: 'Resident mutation batch + observers (sync), rrweb alone',
        value: perBatch(rrwebAlone.result),
        unit: 'ms',
        note: 'same storm, `@rrweb/record` with its default options and no masking or sending: its own share',
      },
      {
        name: 'Resident main-thread time per batch, recording',
        value: round(rec.ms / STORM_BATCHES, 2),
        unit: 'ms',
        note: 'Chrome TaskDuration: scripts, style, layout, paint, sending; the agent’s replay shares the 2 cores',
      },
      {
        name: 'Resident main-thread time per batch, rrweb alone',
        value: round(rrwebAlone.ms / STORM_BATCHES, 2),
        unit: 'ms',
        note: 'same storm, rrweb’s defaults, events only stringified',
      },
      {
        name: 'Resident main-thread time per batch, no session (baseline)',
        value: round(base.ms / STORM_BATCHES, 2),
        unit: 'ms',
        note: 'same page and storm, same run, nothing else running',
      },
    );

    // 4. The same storm, recording and sending, while the agent's page is frozen (Chrome's page lifecycle): its
    // replay no longer takes the 2 cores the resident's page runs on, as when the agent sits at another machine.
    const agentCdp = await session.agent.context().newCDPSession(session.agent);
    await agentCdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    const alone = await taskMs(session.resident, () => storm(session.resident));
    await agentCdp.send('Page.setWebLifecycleState', { state: 'active' });
    rows.push(
      {
        name: 'Resident mutation batch + observers (sync), recording, agent page frozen',
        value: perBatch(alone.result),
        unit: 'ms',
        note: 'same storm and session, the agent’s replay not running on the same cores',
      },
      {
        name: 'Resident main-thread time per batch, recording, agent page frozen',
        value: round(alone.ms / STORM_BATCHES, 2),
        unit: 'ms',
        note: 'Chrome TaskDuration, as above',
      },
    );
    await session.close();
    return { rows };
  } finally {
    await browser.close();
    await echo.stop();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) runDirectly('Co-browse', runCobrowseBench);
