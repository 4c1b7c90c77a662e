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

  it('reads KCC_REDIS_URL and KCC_INSTANCE_ID; unset, everything stays in this process', () => {
    expect(loadConfig({})).toMatchObject({ redisUrl: undefined, instanceId: undefined });
    expect(
      loadConfig({ KCC_REDIS_URL: 'redis://redis.intern:6379/2', KCC_INSTANCE_ID: 'kcc-1' }),
    ).toMatchObject({ redisUrl: 'redis://redis.intern:6379/2', instanceId: 'kcc-1' });
    expect(loadConfig({ KCC_REDIS_URL: 'rediss://:geheim@redis.intern:6380' }).redisUrl).toBe(
      'rediss://:geheim@redis.intern:6380',
    );
    for (const url of ['localhost:6379', 'http://redis.intern', 'redis://']) {
      expect(() => loadConfig({ KCC_REDIS_URL: url })).toThrow(
        'Ongeldige configuratie: KCC_REDIS_URL: verwacht een adres als redis://host:6379 of rediss://host:6380',
      );
    }
  });

  it('refuses invalid values with one readable line', () => {
    for (const env of [
      { KCC_PORT: 'abc' },
      { KCC_PORT: '70000' },
      { KCC_SMTP_RELAY: 'geen-poort' },
      { KCC_LOG_LEVEL: 'loud' },
      { KCC_AUDIT_KEY: 'te-kort' },
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

  it('reads KCC_AUDIT_KEY as base64url of at least 32 bytes', () => {
    const key = Buffer.alloc(32, 7).toString('base64url');
    expect(loadConfig({ KCC_AUDIT_KEY: key }).auditKey).toBe(key);
    expect(loadConfig({}).auditKey).toBeUndefined();
    expect(() => loadConfig({ KCC_AUDIT_KEY: Buffer.alloc(31, 7).toString('base64url') })).toThrow(
      /KCC_AUDIT_KEY: moet minstens 32 bytes zijn/,
    );
  });

  it('selects PostgreSQL with KCC_DATABASE_URL and refuses anything else there in one Dutch line', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    const url = 'postgres://kcc:geheim@db.gemeente.nl:5432/kcc';
    expect(loadConfig({ KCC_DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ KCC_DATABASE_URL: 'postgresql://db/kcc' }).databaseUrl).toBe('postgresql://db/kcc');
    for (const bad of ['mysql://db/kcc', 'db.gemeente.nl:5432', 'postgres://', 'sqlite:kcc.db']) {
      expect(() => loadConfig({ KCC_DATABASE_URL: bad })).toThrow(
        /^Ongeldige configuratie: KCC_DATABASE_URL: verwacht een PostgreSQL-URL, zoals postgres:\/\/gebruiker@host:5432\/database$/,
      );
    }
  });

  describe('OpenID Connect (issue 11)', () => {
    const oidc = {
      KCC_OIDC_ISSUER: 'https://login.gemeente.nl/realms/kcc',
      KCC_OIDC_CLIENT_ID: 'kcc-werkplek',
      KCC_OIDC_ROLE_MAP: 'kcc-agents=medewerker, kcc-leads=teamleider,kcc-leads=medewerker',
    };

    it('is off without issuer and client id; local login is then the way in', () => {
      expect(loadConfig({}).auth).toEqual({ oidc: undefined, localLogin: true });
    });

    it('reads the provider, the defaults of the claims and the role map', () => {
      const { auth } = loadConfig({ ...oidc, KCC_DEMO: '0', KCC_INTEGRATION_KEY: 'eigen-sleutel-1' });
      expect(auth.localLogin).toBe(false);
      expect(auth.oidc).toMatchObject({
        issuer: oidc.KCC_OIDC_ISSUER,
        clientId: 'kcc-werkplek',
        clientSecret: undefined,
        rolesClaim: 'roles',
        employeeClaim: 'email',
      });
      expect([...auth.oidc!.roleMap]).toEqual([
        ['kcc-agents', ['medewerker']],
        ['kcc-leads', ['teamleider', 'medewerker']],
      ]);
      // Demo mode keeps the demo accounts usable; KCC_LOCAL_LOGIN decides explicitly.
      expect(loadConfig(oidc).auth.localLogin).toBe(true);
      expect(loadConfig({ ...oidc, KCC_LOCAL_LOGIN: '0' }).auth.localLogin).toBe(false);
    });

    it.each([
      [{ KCC_OIDC_ISSUER: oidc.KCC_OIDC_ISSUER }, /KCC_OIDC_CLIENT_ID ontbreekt/],
      [{ ...oidc, KCC_OIDC_ROLE_MAP: undefined }, /KCC_OIDC_ROLE_MAP ontbreekt/],
      [{ ...oidc, KCC_OIDC_ROLE_MAP: 'kcc-agents=baas' }, /onbekende werkplekrol "baas"/],
      [{ ...oidc, KCC_OIDC_ROLE_MAP: 'kcc-agents' }, /geen paar idp-rol=werkplekrol/],
      [{ ...oidc, KCC_OIDC_ISSUER: 'http://login.gemeente.nl' }, /moet https gebruiken/],
      [{ ...oidc, KCC_OIDC_CLIENT_SECRET: 'kort' }, /KCC_OIDC_CLIENT_SECRET/],
      [{ KCC_OIDC_ROLE_MAP: 'a=medewerker' }, /zonder KCC_OIDC_ISSUER/],
    ])('refuses a wrong setting with a clear line (%#)', (env, message) => {
      expect(() => loadConfig(env as Record<string, string>)).toThrow(message);
    });
  });
});
