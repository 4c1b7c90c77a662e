import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server';

/**
 * Launches the built desktop shell (apps/desktop/dist) against a real server and checks the security baseline from
 * inside the app. Run through `npm run test:electron -w @kcc/desktop`, which sets KCC_ELECTRON_BINARY.
 */

const desktopDir = path.resolve(__dirname, '..');
const executablePath = process.env['KCC_ELECTRON_BINARY'] ?? '';

type BridgeWindow = {
  kcc?: { invoke(channel: string, input: unknown): Promise<unknown>; on: unknown };
  require?: unknown;
  process?: unknown;
  module?: unknown;
  open(url: string): unknown;
};

let server: TestServer;
let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  expect(executablePath, 'KCC_ELECTRON_BINARY must point at the Electron executable').not.toBe('');
  server = await startServer();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-electron-userdata-'));
  app = await electron.launch({
    executablePath,
    args: [desktopDir, `--server-url=${server.url}`],
    env: { ...process.env, KCC_DESKTOP_USER_DATA: userData, KCC_SERVER_URL: server.url },
  });
  page = await app.firstWindow();
  await expect(page.locator('[data-app-state="ready"]')).toHaveCount(1);
});

test.afterAll(async () => {
  await app?.close();
  await server?.stop();
  if (userData) fs.rmSync(userData, { recursive: true, force: true });
});

test('loads the workplace from the configured server', async () => {
  expect(page.url()).toBe(`${server.url}/`);
  const config = await page.evaluate(() =>
    (globalThis as unknown as BridgeWindow).kcc!.invoke('kcc:config:get', undefined),
  );
  expect(config).toMatchObject({ serverUrl: server.url });
});

test('exposes only window.kcc: no Node in the renderer', async () => {
  const globals = await page.evaluate(() => {
    const w = globalThis as unknown as BridgeWindow;
    return {
      kcc: typeof w.kcc,
      invoke: typeof w.kcc?.invoke,
      on: typeof w.kcc?.on,
      require: typeof w.require,
      process: typeof w.process,
      module: typeof w.module,
    };
  });
  expect(globals).toEqual({
    kcc: 'object',
    invoke: 'function',
    on: 'function',
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
  });
});

test('runs with contextIsolation, sandbox and without nodeIntegration', async () => {
  // getLastWebPreferences is Electron-internal (untyped) but the only way to read the effective preferences.
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
      getLastWebPreferences?: () => Record<string, unknown> | null;
    };
    return typeof contents.getLastWebPreferences === 'function'
      ? contents.getLastWebPreferences()
      : 'unavailable';
  });
  expect(prefs).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
  });
});

test('refuses unknown channels in the preload and invalid input in main', async () => {
  const errors = await page.evaluate(async () => {
    const kcc = (globalThis as unknown as BridgeWindow).kcc!;
    const message = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: Error) => e.message,
      );
    return {
      unknown: await message(kcc.invoke('kcc:shell:run', { cmd: 'calc' })),
      invalid: await message(kcc.invoke('kcc:tray:set-waiting', { count: -1 })),
      // Removed from the bridge (issue 11 §11): the renderer cannot open URLs or change the server.
      external: await message(
        kcc.invoke('kcc:system:open-external' as never, { url: 'https://x.example' } as never),
      ),
      serverUrl: await message(
        kcc.invoke('kcc:config:set-server-url' as never, { url: 'https://x.example' } as never),
      ),
    };
  });
  expect(errors.unknown).toMatch(/Onbekend IPC-kanaal/);
  expect(errors.invalid).toMatch(/ongeldige invoer/);
  expect(errors.external).toMatch(/Onbekend IPC-kanaal/);
  expect(errors.serverUrl).toMatch(/Onbekend IPC-kanaal/);
});

test('denies new windows and sends the CSP header', async () => {
  const opened = await page.evaluate(() =>
    (globalThis as unknown as BridgeWindow).open('file:///etc/passwd'),
  );
  expect(opened).toBeNull();
  expect(app.windows()).toHaveLength(1);
  const csp = await page.evaluate(() => fetch('/').then((r) => r.headers.get('content-security-policy')));
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain(`connect-src 'self' ${server.url} ${server.url.replace('http', 'ws')}`);
});
