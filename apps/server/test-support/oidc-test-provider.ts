import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (`oidc-provider`) for tests, started in the test process (vitest) or as its own process
 * (e2e, through oidc-test-provider-main.ts). Its client is a native one, so loopback redirect URIs match on any
 * port (RFC 8252 §7.3): the server's callback and the desktop shell's loopback both work without knowing ports.
 * Its login page is oidc-provider's development form: any password, the login name picks the account.
 */

export interface TestAccount {
  /** The login name on the provider's form, and the `sub`. */
  sub: string;
  email?: string;
  name?: string;
  /** The `roles` claim (IdP roles or groups). */
  roles?: string[];
}

/**
 * Rewrites the ID token of the next token responses, as an attacker between us and the provider (or a broken
 * provider) would: signed with a key the provider never published, for another client, expired, or HS256-signed
 * with the client id as secret (the algorithm confusion attack).
 */
export type Tamper = 'wrong-signature' | 'wrong-audience' | 'expired' | 'hs256';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  setTamper(tamper: Tamper | undefined): void;
  /** How often the provider's JWKS was fetched (the server caches it). */
  jwksRequests(): number;
  close(): Promise<void>;
}

export const TEST_CLIENT_ID = 'kcc-werkplek-test';

export const TEST_ACCOUNTS: TestAccount[] = [
  { sub: 'anna', email: 'anna.devries@gemeente.test', name: 'Anna de Vries', roles: ['kcc-agents'] },
  { sub: 'tess', email: 'tess.bakker@gemeente.test', name: 'Tess Bakker', roles: ['kcc-leads', 'iedereen'] },
  { sub: 'piet', email: 'piet.smit@gemeente.test', name: 'Piet Smit', roles: ['iedereen'] },
  { sub: 'zonder', name: 'Zonder Mail', roles: ['kcc-agents'] },
];
/** The role map that goes with TEST_ACCOUNTS: `iedereen` gives nothing. */
export const TEST_ROLE_MAP = 'kcc-agents=medewerker,kcc-leads=teamleider';

export async function startTestProvider(
  options: { accounts?: TestAccount[]; clientSecret?: string; host?: string } = {},
): Promise<TestProvider> {
  const accounts = new Map((options.accounts ?? TEST_ACCOUNTS).map((a) => [a.sub, a]));
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const rogue = await generateKeyPair('RS256');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        ...(options.clientSecret
          ? { client_secret: options.clientSecret, token_endpoint_auth_method: 'client_secret_post' }
          : { token_endpoint_auth_method: 'none' }),
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/api/auth/oidc/callback', 'http://127.0.0.1/callback'],
        post_logout_redirect_uris: ['http://127.0.0.1/'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['kcc-test-provider-cookie-key'] },
    claims: { openid: ['sub', 'roles'], email: ['email'], profile: ['name'] },
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 3600 },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          ...(account.email ? { email: account.email } : {}),
          ...(account.name ? { name: account.name } : {}),
          ...(account.roles ? { roles: account.roles } : {}),
        }),
      };
    },
    // First-party client: no consent screen, as at a municipality's own provider.
    loadExistingGrant: async (ctx: {
      oidc: {
        client: { clientId: string };
        session: { accountId: string; grantIdFor(id: string): string | undefined };
        result?: { consent?: { grantId?: string } };
      };
    }) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });

  let tamper: Tamper | undefined;
  let jwksRequests = 0;
  provider.use(async (ctx, next) => {
    if (ctx.path === '/jwks') jwksRequests += 1;
    await next();
    if (ctx.path !== '/token' || ctx.method !== 'POST' || ctx.status !== 200 || !tamper) return;
    const body = ctx.body as { id_token?: string };
    if (!body.id_token) return;
    const claims = decodeJwt(body.id_token);
    const now = Math.floor(Date.now() / 1000);
    switch (tamper) {
      case 'wrong-signature':
        body.id_token = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid! })
          .sign(rogue.privateKey);
        break;
      case 'wrong-audience':
        body.id_token = await new SignJWT({ ...claims, aud: 'een-andere-applicatie' })
          .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid! })
          .sign(privateKey);
        break;
      case 'expired':
        body.id_token = await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
          .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid! })
          .sign(privateKey);
        break;
      case 'hs256':
        body.id_token = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(options.clientSecret ?? TEST_CLIENT_ID.padEnd(32, '!')));
        break;
    }
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret: options.clientSecret,
    setTamper: (t) => {
      tamper = t;
    },
    jwksRequests: () => jwksRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
