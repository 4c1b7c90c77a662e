import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

/**
 * Signature algorithms an ID token may use: asymmetric only. `none` and the HS* family (signed with the client
 * secret, which a public client does not even have) are refused whatever the token's header says.
 */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'];
/** Clock difference accepted between this server and the identity provider. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface IdTokenVerifierOptions {
  issuer: string;
  /** Our client id: the token's `aud` must contain it. */
  audience: string;
  jwksUri: string;
  /** The auth clock (ms). */
  now: () => number;
}

/**
 * Checks an ID token with `jose` on top of openid-client's protocol checks: openid-client does not verify the
 * signature of an ID token it gets straight from the token endpoint (OIDC Core 3.1.3.7 allows relying on TLS).
 * Here the signature is checked against the provider's JWKS (fetched once and cached; refetched when an unknown
 * key id turns up), as are issuer, audience, algorithm and expiry on the auth clock.
 */
export function createIdTokenVerifier(options: IdTokenVerifierOptions) {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri), {
    cacheMaxAge: 10 * 60 * 1000,
    cooldownDuration: 30 * 1000,
  });
  return async (idToken: string): Promise<JWTPayload> => {
    const { payload } = await jwtVerify(idToken, jwks, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ID_TOKEN_ALGORITHMS,
      currentDate: new Date(options.now()),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    return payload;
  };
}
