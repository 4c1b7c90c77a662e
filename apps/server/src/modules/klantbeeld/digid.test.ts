import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  DEMO_DIGID_ISSUER,
  DIGID_AUDIENCE_DEFAULT,
  DigidTokenError,
  createDemoDigidIssuer,
  createDigidVerifier,
  digidConfigFromEnv,
} from './digid';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const FATIMA = '999993653';

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DigidTokenError) return `${err.fout}:${err.message}`;
    throw err;
  }
  return 'accepted';
}

describe('DigiD token verification', () => {
  it('accepts a valid token and returns its BSN', async () => {
    const issuer = await createDemoDigidIssuer(() => NOW);
    const verifier = await createDigidVerifier(issuer.config, () => NOW + 60_000);
    expect(await verifier.verify(await issuer.sign(FATIMA))).toEqual({ bsn: FATIMA });
  });

  it('refuses an expired token, and one older than the maximum age', async () => {
    const issuer = await createDemoDigidIssuer(() => NOW);
    const verifier = await createDigidVerifier(issuer.config, () => NOW + 11 * 60_000);
    expect(await refusal(verifier.verify(await issuer.sign(FATIMA, { expiresInSeconds: 600 })))).toBe(
      'verlopen:token verlopen',
    );
    const longLived = await issuer.sign(FATIMA, { expiresInSeconds: 86_400 });
    const later = await createDigidVerifier(issuer.config, () => NOW + 3600_000);
    expect(await refusal(later.verify(longLived))).toMatch(/^(verlopen|ongeldig):/);
  });

  it('refuses a wrong issuer, a wrong audience and a wrong signature', async () => {
    const issuer = await createDemoDigidIssuer(() => NOW);
    const verifier = await createDigidVerifier(issuer.config, () => NOW);
    const { privateKey } = await generateKeyPair('ES256');
    const iat = Math.floor(NOW / 1000);
    const token = (iss: string, aud: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setSubject(FATIMA)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .sign(privateKey);
    // Another key: the signature fails whatever the claims say.
    expect(await refusal(verifier.verify(await token(DEMO_DIGID_ISSUER, DIGID_AUDIENCE_DEFAULT)))).toBe(
      'ongeldig:ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
    // The right key with the wrong issuer or audience.
    const sameKey = await createDemoDigidIssuer(() => NOW);
    const otherIssuer = { ...sameKey.config, issuer: 'https://elders.example' };
    const strict = await createDigidVerifier(otherIssuer, () => NOW);
    expect(await refusal(strict.verify(await sameKey.sign(FATIMA)))).toBe(
      'ongeldig:ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
    const otherAudience = await createDigidVerifier(
      { ...sameKey.config, audience: 'iets-anders' },
      () => NOW,
    );
    expect(await refusal(otherAudience.verify(await sameKey.sign(FATIMA)))).toBe(
      'ongeldig:ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
  });

  it('refuses a token whose subject is not a valid BSN', async () => {
    const issuer = await createDemoDigidIssuer(() => NOW);
    const verifier = await createDigidVerifier(issuer.config, () => NOW);
    expect(await refusal(verifier.verify(await issuer.sign('123456789')))).toBe('ongeldig:geen geldig BSN');
  });

  it('reads its configuration from the environment, with clear errors', async () => {
    expect(digidConfigFromEnv({})).toBeUndefined();
    expect(() => digidConfigFromEnv({ KCC_DIGID_ISSUER: 'https://idp.example' })).toThrow(/precies één/);
    expect(() =>
      digidConfigFromEnv({
        KCC_DIGID_ISSUER: 'https://idp.example',
        KCC_DIGID_JWKS_URL: 'http://idp.example/jwks',
      }),
    ).toThrow(/https/);
    const issuer = await createDemoDigidIssuer();
    const pem = (issuer.config.key as { pem: string }).pem;
    const config = digidConfigFromEnv({
      KCC_DIGID_ISSUER: 'https://idp.example',
      KCC_DIGID_PUBLIC_KEY: pem.replace(/\n/g, '\\n'),
    });
    expect(config).toMatchObject({
      issuer: 'https://idp.example',
      audience: DIGID_AUDIENCE_DEFAULT,
      bsnClaim: 'sub',
    });
    await expect(createDigidVerifier(config!)).resolves.toBeDefined();
    await expect(
      createDigidVerifier({
        ...config!,
        key: { pem: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----' },
      }),
    ).rejects.toThrow(/geen geldige publieke sleutel/);
  });
});
