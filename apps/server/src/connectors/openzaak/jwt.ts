import { jwtVerify, SignJWT } from 'jose';

/**
 * The self-signed HS256 JWT of the ZGW APIs (Catalogi `info.description`, "Zelf een token genereren"):
 * `{iss: client_id, iat, client_id, user_id, user_representation}`. `user_id` / `user_representation`
 * end up in Open Zaak's audit trail, so they name the medewerker (or the system). Signed with `jose`.
 */
export function mintZgwJwt(input: {
  clientId: string;
  secret: string;
  userId: string;
  userRepresentation: string;
  now?: Date;
}): Promise<string> {
  return new SignJWT({
    client_id: input.clientId,
    user_id: input.userId,
    user_representation: input.userRepresentation,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(input.clientId)
    .setIssuedAt(Math.floor((input.now ?? new Date()).getTime() / 1000))
    .sign(new TextEncoder().encode(input.secret));
}

/** Verify an HS256 JWT and return its payload (the test mock checks the connector's tokens with it). */
export async function verifyHs256(
  token: string,
  secret: string,
): Promise<Record<string, unknown> | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    return payload as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
