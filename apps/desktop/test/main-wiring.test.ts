import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesktop } from '../build.mjs';

/** Loads the real bundles with a fake `electron` module: proves index.ts wires every module as intended. */

let outdir: string;
let userData: string;
let run: {
  registered: string[];
  config: unknown;
  foreignSender: { error?: string };
  noFrame: { error?: string };
  waiting: unknown;
  badInput: { error?: string };
  headers: Record<string, string[]>;
  permissions: Record<string, boolean>;
  bridgeKeys: string[];
  bridgeInvoke: unknown;
  bridgeUnknown: { error?: string };
  calls: string[];
};

beforeAll(async () => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-desktop-wiring-'));
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-desktop-userdata-'));
  await buildDesktop({ outdir, quiet: true });
  const stdout = execFileSync(process.execPath, [path.join(__dirname, 'fixtures/load-bundle.cjs'), outdir], {
    env: { ...process.env, FAKE_USER_DATA: userData, KCC_SERVER_URL: 'http://10.9.9.9:4700' },
    encoding: 'utf8',
  });
  run = JSON.parse(stdout.slice(stdout.indexOf('{')));
}, 60_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('dist/main.cjs wiring', () => {
  it('registers every contract channel plus CSP and permission handlers', () => {
    expect(run.registered).toEqual(
      expect.arrayContaining([
        'headers',
        'permissionRequest',
        'permissionCheck',
        'kcc:config:get',
        'kcc:notify:offer',
        'kcc:tray:set-waiting',
        'kcc:auth:oidc-login',
        'app:second-instance',
        'app:web-contents-created',
      ]),
    );
    // The renderer cannot change the server or open URLs through IPC (issue 11 §11).
    expect(run.registered).not.toContain('kcc:config:set-server-url');
    expect(run.registered).not.toContain('kcc:system:open-external');
  });

  it('creates the window with the security baseline and loads the workplace from --server-url', () => {
    const window = run.calls.find((c) => c.startsWith('window:'))!;
    const options = JSON.parse(window.slice('window:'.length));
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(options.webPreferences.preload).toBe(path.join(outdir, 'preload.cjs'));
    expect(run.calls).toContain('loadURL:http://127.0.0.1:4799/');
    expect(run.calls).toContain('protocol:kcc-werkplek');
  });

  it('answers IPC only from the workplace origin and only with valid input', () => {
    expect(run.config).toEqual({ value: { serverUrl: 'http://127.0.0.1:4799', version: '0.1.0' } });
    expect(run.foreignSender.error).toMatch(/afzender niet toegestaan/);
    expect(run.noFrame.error).toMatch(/afzender niet toegestaan/);
    expect(run.badInput.error).toMatch(/ongeldige invoer/);
    expect(run.calls).toContain('tray:KCC Werkplek — 3 wachtend');
    // No IPC path reaches shell.openExternal any more.
    expect(run.calls.filter((c) => c.startsWith('openExternal:'))).toEqual([]);
  });

  it('adds the CSP header and grants only allowed permissions', () => {
    expect(run.headers['Content-Security-Policy']?.[0]).toContain(
      "connect-src 'self' http://127.0.0.1:4799 ws://127.0.0.1:4799",
    );
    expect(run.permissions).toEqual({ notifications: true, geolocation: false });
  });
});

describe('dist/preload.cjs', () => {
  it('exposes only invoke and on, forwarding contract channels and refusing others', () => {
    expect(run.bridgeKeys).toEqual(['invoke', 'on']);
    expect(run.bridgeInvoke).toEqual({ value: { channel: 'kcc:config:get' } });
    expect(run.bridgeUnknown.error).toMatch(/Onbekend IPC-kanaal/);
  });
});
