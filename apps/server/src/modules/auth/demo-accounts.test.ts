import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import { bearer, startTestServer, tempDataDir } from '../../../test-support/test-server';

describe('demo accounts outlive demo mode no longer (issue 11 §5)', () => {
  it('a store seeded with KCC_DEMO=1 refuses its demo accounts and their tokens after a restart with KCC_DEMO=0', async () => {
    const dataDir = tempDataDir();
    const options = { klantinteracties: createFakeKlantinteracties() };
    const demo = await startTestServer({ KCC_DEMO: '1' }, options, dataDir);
    const oldToken = await demo.login('priya');
    await demo.close();

    const prod = await startTestServer({ KCC_DEMO: '0' }, options, dataDir);
    try {
      for (const username of ['priya', 'anna', 'tess']) {
        const res = await fetch(`${prod.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'demo' }),
        });
        expect(res.status, username).toBe(401);
      }
      expect((await fetch(`${prod.url}/api/me`, { headers: bearer(oldToken) })).status).toBe(401);
      await expect(prod.connectAgent(oldToken)).rejects.toThrow('unauthorized');
    } finally {
      await prod.stop();
    }

    // Demo mode on again: the same accounts work again.
    const again = await startTestServer({ KCC_DEMO: '1' }, options, tempDataDir());
    try {
      expect(await again.login('priya')).toBeTruthy();
    } finally {
      await again.stop();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start without demo mode with the published demo key or token', () => {
    const base = { KCC_DEMO: '0', KCC_DATA_DIR: tempDataDir() };
    expect(() => loadConfig({ ...base, KCC_INTEGRATION_KEY: 'demo-integratie-sleutel' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...base, KCC_KLANTINTERACTIES_TOKEN: 'demo-klantinteracties-token' })).toThrow(
      /KCC_KLANTINTERACTIES_TOKEN/,
    );
    const ok = loadConfig({
      ...base,
      KCC_INTEGRATION_KEY: 'een-eigen-sleutel',
      KCC_KLANTINTERACTIES_TOKEN: 'eigen-token-123',
    });
    expect(ok.integrationKey).toBe('een-eigen-sleutel');
    // In demo mode the demo values stay allowed.
    expect(loadConfig({ KCC_DEMO: '1', KCC_INTEGRATION_KEY: 'demo-integratie-sleutel' }).integrationKey).toBe(
      'demo-integratie-sleutel',
    );
  });
});
