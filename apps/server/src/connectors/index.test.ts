import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { createFakeKlantinteracties } from '../../test-support/fake-klantinteracties';
import { connectRegisters } from './index';
import { migrateStore } from '../store/migrate-store';
import { openStore } from '../store/store';
import { openKlantOutboxMigrations, openKlantOverdrachtMigrations } from './openklant/openklant-outbox';

describe('register configuration', () => {
  it('uses the embedded registers by default', () => {
    const config = loadConfig({});
    expect(config.registers).toEqual({ timeoutMs: 2000 });
    const db = new Database(':memory:');
    const ki = createFakeKlantinteracties().create({
      store: openStore({ sqlite: db }),
      publicBaseUrl: 'http://x',
      now: () => new Date(),
    });
    const c = connectRegisters(config.registers, {
      db,
      store: openStore({ sqlite: db }),
      port: () => ki.port,
    });
    expect([
      c.registers.brp.bron,
      c.registers.zaken.bron,
      c.registers.kvk.bron,
      c.registers.klantinteracties.bron,
    ]).toEqual(['embedded', 'embedded', 'embedded', 'embedded']);
    expect(c.wrapPort(ki.port)).toBe(ki.port);
    expect(c.timeoutsMs.zaken).toBe(2000);
  });

  it('switches a register to external when URL and credentials are set, and wraps the port with the outbox', async () => {
    const config = loadConfig({
      KCC_OPENKLANT_URL: 'https://openklant.example/klantinteracties/api/v1/',
      KCC_OPENKLANT_TOKEN: 'token-123456',
      KCC_BRP_URL: 'https://brp.example/haalcentraal/api/brp',
      KCC_BRP_API_KEY: 'sleutel-123',
      KCC_REGISTER_TIMEOUT_MS: '500',
    });
    expect(config.registers.openKlant?.url).toBe('https://openklant.example/klantinteracties/api/v1');
    const db = new Database(':memory:');
    const store = openStore({ sqlite: db });
    await migrateStore(store, openKlantOutboxMigrations);
    for (const m of openKlantOverdrachtMigrations) db.exec(m.sql);
    const ki = createFakeKlantinteracties().create({
      store: openStore({ sqlite: db }),
      publicBaseUrl: 'http://x',
      now: () => new Date(),
    });
    const c = connectRegisters(config.registers, { db, store, port: () => ki.port });
    try {
      expect(c.registers.brp.bron).toBe('extern');
      expect(c.registers.klantinteracties.bron).toBe('extern');
      expect(c.registers.zaken.bron).toBe('embedded');
      expect(c.timeoutsMs.brp).toBe(2000);
      expect(c.wrapPort(ki.port)).not.toBe(ki.port);
    } finally {
      await c.close();
    }
  });

  it('refuses half a configuration with a clear message', () => {
    expect(() => loadConfig({ KCC_BRP_URL: 'https://brp.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ KCC_OPENZAAK_URL: 'https://oz.example', KCC_OPENZAAK_CLIENT_ID: 'x' })).toThrow(
      /half ingesteld/,
    );
    expect(() => loadConfig({ KCC_KVK_URL: 'geen-url', KCC_KVK_API_KEY: 'sleutel-123' })).toThrow(
      ConfigError,
    );
  });
});
