import {
  SignJWT,
  createRemoteJWKSet,
  errors,
  exportSPKI,
  generateKeyPair,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JWTVerifyGetKey,
} from 'jose';
import { isValidBsn } from '../klantinteracties/elfproef';

/**
 * A DigiD login on the municipality's website, passed to the chat widget as a signed token (JWT). The server
 * trusts it only when it is signed by the configured issuer's key, meant for this KCC (audience), not expired, and
 * carries a valid BSN.
 */
export interface DigidConfig {
  issuer: string;
  audience: string;
  /** SPKI PEM of the issuer's signing key, or a JWKS URL. */
  key: { pem: string } | { jwksUrl: string };
  /** Claim with the BSN (`sub` by default). */
  bsnClaim: string;
  /** Tokens older than this (from `iat`) are refused, even when `exp` is later. */
  maxAgeSeconds: number;
}

export const DEMO_DIGID_ISSUER = 'https://digid-demo.gemeente.example';
export const DIGID_AUDIENCE_DEFAULT = 'kcc-werkplek';
const ALGORITHMS = ['RS256', 'PS256', 'ES256'];

export type DigidFout = 'verlopen' | 'ongeldig';

export class DigidTokenError extends Error {
  constructor(
    readonly fout: DigidFout,
    reason: string,
  ) {
    super(reason);
    this.name = 'DigidTokenError';
  }
}

export interface DigidVerifier {
  readonly issuer: string;
  /** The BSN of a valid token; throws DigidTokenError otherwise. */
  verify(token: string): Promise<{ bsn: string }>;
}

/** `KCC_DIGID_*` from the environment; undefined when DigiD is not configured. Throws with a clear line. */
export function digidConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DigidConfig | undefined {
  const issuer = env.KCC_DIGID_ISSUER?.trim();
  const pem = env.KCC_DIGID_PUBLIC_KEY?.trim();
  const jwksUrl = env.KCC_DIGID_JWKS_URL?.trim();
  if (!issuer) {
    if (pem || jwksUrl)
      throw new Error('KCC_DIGID_ISSUER ontbreekt (nodig met KCC_DIGID_PUBLIC_KEY of _JWKS_URL)');
    return undefined;
  }
  if (!pem === !jwksUrl) {
    throw new Error(
      'KCC_DIGID_ISSUER: geef precies één van KCC_DIGID_PUBLIC_KEY (PEM) of KCC_DIGID_JWKS_URL',
    );
  }
  if (jwksUrl && !/^https:\/\//.test(jwksUrl)) throw new Error('KCC_DIGID_JWKS_URL moet https zijn');
  const maxAge = Number(env.KCC_DIGID_MAX_AGE_SECONDS ?? 900);
  if (!Number.isInteger(maxAge) || maxAge < 30 || maxAge > 86_400) {
    throw new Error('KCC_DIGID_MAX_AGE_SECONDS: verwacht 30 tot 86400');
  }
  return {
    issuer,
    audience: env.KCC_DIGID_AUDIENCE?.trim() || DIGID_AUDIENCE_DEFAULT,
    key: pem ? { pem: pem.replace(/\\n/g, '\n') } : { jwksUrl: jwksUrl! },
    bsnClaim: env.KCC_DIGID_BSN_CLAIM?.trim() || 'sub',
    maxAgeSeconds: maxAge,
  };
}

export async function createDigidVerifier(
  config: DigidConfig,
  now: () => number = Date.now,
): Promise<DigidVerifier> {
  let key: CryptoKey | JWTVerifyGetKey;
  if ('pem' in config.key) {
    const alg = /BEGIN PUBLIC KEY/.test(config.key.pem) ? await algOfPem(config.key.pem) : undefined;
    if (!alg) throw new Error('KCC_DIGID_PUBLIC_KEY is geen geldige publieke sleutel (SPKI PEM)');
    key = await importSPKI(config.key.pem, alg);
  } else {
    key = createRemoteJWKSet(new URL(config.key.jwksUrl));
  }
  return {
    issuer: config.issuer,
    async verify(token) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, key as CryptoKey, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: ALGORITHMS,
          requiredClaims: ['exp', 'iat'],
          maxTokenAge: config.maxAgeSeconds,
          clockTolerance: 30,
          currentDate: new Date(now()),
        }));
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw new DigidTokenError('verlopen', 'token verlopen');
        const code = err instanceof errors.JOSEError ? err.code : 'ERR_UNKNOWN';
        throw new DigidTokenError('ongeldig', code);
      }
      const bsn = payload[config.bsnClaim];
      if (typeof bsn !== 'string' || !isValidBsn(bsn))
        throw new DigidTokenError('ongeldig', 'geen geldig BSN');
      return { bsn };
    },
  };
}

/** The algorithm that fits a public key: RS256 for RSA, ES256 for P-256. */
async function algOfPem(pem: string): Promise<string | undefined> {
  for (const alg of ['RS256', 'ES256']) {
    try {
      await importSPKI(pem, alg);
      return alg;
    } catch {
      // try the next
    }
  }
  return undefined;
}

/**
 * The demo's test issuer: a key pair made at start-up. The demo website's "Inloggen met DigiD (demo)" signs with
 * the private key (`sign`); the server verifies with the public key like with a real issuer.
 */
export interface DemoDigidIssuer {
  config: DigidConfig;
  sign(bsn: string, options?: { expiresInSeconds?: number; issuedAt?: number }): Promise<string>;
}

export async function createDemoDigidIssuer(now: () => number = Date.now): Promise<DemoDigidIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const config: DigidConfig = {
    issuer: DEMO_DIGID_ISSUER,
    audience: DIGID_AUDIENCE_DEFAULT,
    key: { pem: await exportSPKI(publicKey) },
    bsnClaim: 'sub',
    maxAgeSeconds: 900,
  };
  return {
    config,
    async sign(bsn, options = {}) {
      const iat = Math.floor((options.issuedAt ?? now()) / 1000);
      return new SignJWT({ acr: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract' })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(DEMO_DIGID_ISSUER)
        .setAudience(DIGID_AUDIENCE_DEFAULT)
        .setSubject(bsn)
        .setIssuedAt(iat)
        .setExpirationTime(iat + (options.expiresInSeconds ?? 600))
        .sign(privateKey);
    },
  };
}
