import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../../test-support/test-clock';
import { createIdTokenVerifier } from './id-token';

/** The `jose` layer alone: each check it adds on top of openid-client refuses on its own. */
describe('ID token verifier (jose)', () => {
  const ISSUER = 'https://idp.gemeente.test';
  const clock = new TestClock({ frozenAt: Date.UTC(2026, 11, 7, 9, 0, 0) });
  let server: http.Server;
  let jwksUri: string;
  let jwksRequests = 0;
  let key: CryptoKey;
  let rogue: CryptoKey;

  beforeAll(async () => {
    ({ privateKey: key } = await generateKeyPair('ES256', { extractable: true }));
    const publicJwk = await exportJWK(key);
    delete publicJwk.d;
    ({ privateKey: rogue } = await generateKeyPair('ES256'));
    server = http.createServer((_req, res) => {
      jwksRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: 'k1', alg: 'ES256', use: 'sig' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const now = () => Math.floor(clock.now() / 1000);
  const sign = (claims: JWTPayload, signer: CryptoKey | Uint8Array = key, alg = 'ES256') =>
    new SignJWT({ iss: ISSUER, aud: 'kcc', sub: 'anna', iat: now(), exp: now() + 300, ...claims })
      .setProtectedHeader({ alg, kid: 'k1' })
      .sign(signer);
  const verify = () =>
    createIdTokenVerifier({ issuer: ISSUER, audience: 'kcc', jwksUri, now: () => clock.now() });

  it('accepts a good token and fetches the JWKS once', async () => {
    const v = verify();
    const before = jwksRequests;
    expect((await v(await sign({}))).sub).toBe('anna');
    expect((await v(await sign({ sub: 'bram' }))).sub).toBe('bram');
    expect(jwksRequests - before).toBe(1);
  });

  it.each([
    ['another issuer', () => sign({ iss: 'https://evil.test' })],
    ['another audience', () => sign({ aud: 'andere-app' })],
    ['a key not in the JWKS', () => sign({}, rogue)],
    ['HS256 (not on the allow-list)', () => sign({}, new TextEncoder().encode('x'.repeat(32)), 'HS256')],
  ])('refuses a token from %s', async (_what, make) => {
    await expect(verify()(await make())).rejects.toThrow();
  });

  it('refuses a token that expired on the auth clock (30 s tolerance)', async () => {
    const token = await sign({});
    const v = verify();
    clock.advance(300_000 + 29_000);
    expect((await v(token)).sub).toBe('anna');
    clock.advance(2_000);
    await expect(v(token)).rejects.toThrow(/exp/);
  });
});
