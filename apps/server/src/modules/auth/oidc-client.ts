import * as client from 'openid-client';
import { createIdTokenVerifier } from './id-token';
import type { OidcSettings } from './oidc-settings';

export interface OidcTokens {
  idToken: string;
  /** Claims of the verified ID token, with userinfo's when the roles claim was not in the ID token. */
  claims: Record<string, unknown>;
}

export class OidcUnavailableError extends Error {
  override name = 'OidcUnavailableError';
}

export interface OidcClient {
  /** The provider's authorization URL for one login (authorization code flow with PKCE S256). */
  authorizationUrl(input: {
    redirectUri: string;
    state: string;
    nonce: string;
    codeChallenge: string;
  }): Promise<string>;
  /**
   * Exchange the code of an authorization response (`callbackUrl`: the redirect URI with the response's query)
   * and check the ID token: openid-client checks state, nonce and the protocol, `jose` the signature, issuer,
   * audience, algorithm and expiry. Throws on any failure.
   */
  exchange(input: {
    callbackUrl: URL;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<OidcTokens>;
  /** The provider's logout URL for this session, when it has an end_session_endpoint. */
  endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<string | undefined>;
}

const isLoopback = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === 'localhost';

/**
 * openid-client v6 around the provider in `settings`. Discovery runs at the first use and is retried on the next
 * one when the provider could not be reached; `warmUp()` starts it at server start.
 */
export function createOidcClient(
  settings: OidcSettings,
  options: { now: () => number },
): OidcClient & { warmUp(): Promise<void> } {
  type Discovered = { config: client.Configuration; verify: (idToken: string) => Promise<object> };
  let discovered: Promise<Discovered> | undefined;

  const discover = (): Promise<Discovered> => {
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      const config = await client.discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret === undefined ? client.None() : client.ClientSecretPost(settings.clientSecret),
        isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {},
      );
      const meta = config.serverMetadata();
      if (!meta.jwks_uri) throw new Error('de identity provider publiceert geen jwks_uri');
      const verify = createIdTokenVerifier({
        issuer: meta.issuer,
        audience: settings.clientId,
        jwksUri: meta.jwks_uri,
        now: options.now,
      });
      return { config, verify };
    })().catch((err: unknown) => {
      discovered = undefined;
      throw new OidcUnavailableError(
        `Identity provider ${settings.issuer} niet bereikbaar: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    return discovered;
  };

  return {
    async warmUp() {
      await discover();
    },
    async authorizationUrl({ redirectUri, state, nonce, codeChallenge }) {
      const { config } = await discover();
      return client
        .buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: 'openid email profile',
          state,
          nonce,
          code_challenge: codeChallenge,
          code_challenge_method: 'S256',
        })
        .toString();
    },
    async exchange({ callbackUrl, state, nonce, codeVerifier }) {
      const { config, verify } = await discover();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        expectedState: state,
        expectedNonce: nonce,
        pkceCodeVerifier: codeVerifier,
        idTokenExpected: true,
      });
      const idToken = tokens.id_token;
      if (!idToken) throw new Error('geen ID-token ontvangen');
      const claims = { ...(await verify(idToken)) } as Record<string, unknown>;
      const rolesTopLevel = settings.rolesClaim.split('.')[0]!;
      if (claims[rolesTopLevel] === undefined && config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        for (const [key, value] of Object.entries(info)) if (!(key in claims)) claims[key] = value;
      }
      return { idToken, claims };
    },
    async endSessionUrl(idToken, postLogoutRedirectUri) {
      const { config } = await discover();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return client
        .buildEndSessionUrl(config, {
          id_token_hint: idToken,
          post_logout_redirect_uri: postLogoutRedirectUri,
        })
        .toString();
    },
  };
}
