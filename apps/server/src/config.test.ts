import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the CONTRACT defaults, with demo secrets only in demo mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 4700,
      demo: true,
      integrationKey: 'demo-integratie-sleutel',
      klantinteractiesToken: 'demo-klantinteracties-token',
      smtpPort: 2525,
      noDesktop: false,
      disconnectGraceMs: 30_000,
      reconnectGraceMs: 120_000,
    });
    expect(c.dataDir).toBe(path.resolve('.kcc-data'));
    expect(c.workplaceDir.endsWith(path.join('apps', 'workplace', 'dist'))).toBe(true);

    const prod = loadConfig({ KCC_DEMO: '0' });
    expect(prod.demo).toBe(false);
    expect(prod.integrationKey).toBeUndefined();
    expect(prod.klantinteractiesToken).toBeUndefined();
  });

  it('parses overrides', () => {
    const c = loadConfig({
      KCC_PORT: '0',
      KCC_NO_DESKTOP: '1',
      KCC_SMTP_RELAY: 'mail.example.nl:25',
      KCC_ACCEPT_TIMEOUT_MS: '500',
      KCC_WRAP_UP_MS: '0',
      KCC_PUBLIC_URL: 'https://kcc.example.nl/',
    });
    expect(c).toMatchObject({
      port: 0,
      noDesktop: true,
      smtpRelay: 'mail.example.nl:25',
      acceptTimeoutMs: 500,
      wrapUpMs: 0,
    });
    expect(c.publicUrl).toBe('https://kcc.example.nl');
  });

  it('refuses invalid values with one readable line', () => {
    for (const env of [
      { KCC_PORT: 'abc' },
      { KCC_PORT: '70000' },
      { KCC_SMTP_RELAY: 'geen-poort' },
      { KCC_LOG_LEVEL: 'loud' },
    ]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
    }
    try {
      loadConfig({ KCC_PORT: 'abc' });
    } catch (err) {
      expect((err as Error).message).toMatch(/^Ongeldige configuratie: KCC_PORT: /);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
