import { createHmac } from 'node:crypto';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * The self-signed HS256 JWT of the ZGW APIs (Catalogi `info.description`, "Zelf een token genereren"):
 * `{iss: client_id, iat, client_id, user_id, user_representation}`. `user_id` / `user_representation`
 * end up in Open Zaak's audit trail, so they name the medewerker (or the system).
 */
export function mintZgwJwt(input: {
  clientId: string;
  secret: string;
  userId: string;
  userRepresentation: string;
  now?: Date;
}): string {
  const header = { alg: 'HS256', typ: 'JWT' };
  const payload = {
    iss: input.clientId,
    iat: Math.floor((input.now ?? new Date()).getTime() / 1000),
    client_id: input.clientId,
    user_id: input.userId,
    user_representation: input.userRepresentation,
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = createHmac('sha256', input.secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** Verify an HS256 JWT and return its payload (used by the test mock to check the connector's tokens). */
export function verifyHs256(token: string, secret: string): Record<string, unknown> | undefined {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return undefined;
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  if (expected !== s) return undefined;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
  if (header.alg !== 'HS256') return undefined;
  return JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
}
