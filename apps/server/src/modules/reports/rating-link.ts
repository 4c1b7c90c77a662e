import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed per-contact rating links for e-mail replies: `{baseUrl}/beoordeling/{token}`. The token holds the contact
 * id and an HMAC of it, so nobody can rate a contact they did not get a reply about.
 */
export interface RatingLinks {
  /** The link to put in an e-mail reply about this contact. */
  linkFor(contactId: string): string;
  tokenFor(contactId: string): string;
  /** The contact id, or undefined for a token that is not ours. */
  verify(token: string): string | undefined;
}

export function createRatingLinks(secret: string, baseUrl: string): RatingLinks {
  const mac = (contactId: string) =>
    createHmac('sha256', secret).update(`beoordeling:${contactId}`).digest('base64url').slice(0, 32);
  const tokenFor = (contactId: string) => `${Buffer.from(contactId).toString('base64url')}.${mac(contactId)}`;
  return {
    tokenFor,
    linkFor: (contactId) => `${baseUrl.replace(/\/$/, '')}/beoordeling/${tokenFor(contactId)}`,
    verify(token) {
      const m = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{32})$/.exec(token);
      if (!m) return undefined;
      const contactId = Buffer.from(m[1] ?? '', 'base64url').toString();
      const expected = Buffer.from(mac(contactId));
      const given = Buffer.from(m[2] ?? '');
      return expected.length === given.length && timingSafeEqual(expected, given) ? contactId : undefined;
    },
  };
}
