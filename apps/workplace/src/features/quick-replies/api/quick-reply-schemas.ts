import { z } from 'zod';

/**
 * Copy of the server's `modules/quick-replies/quick-replies.schemas.ts` (an extension of `@kcc/contracts`, to be
 * moved there): `GET|POST /api/quick-replies`, `PUT|DELETE /api/quick-replies/{id}`.
 */
export const QUICK_REPLY_LIMITS = { codeMaxChars: 40, titleMaxChars: 100, bodyMaxChars: 2000 } as const;

export const QuickReplyInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, 'Vul een code in.')
      .max(QUICK_REPLY_LIMITS.codeMaxChars, `Hooguit ${QUICK_REPLY_LIMITS.codeMaxChars} tekens.`)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'Alleen kleine letters, cijfers en -, zonder spaties.'),
    title: z
      .string()
      .trim()
      .min(1, 'Vul een titel in.')
      .max(QUICK_REPLY_LIMITS.titleMaxChars, `Hooguit ${QUICK_REPLY_LIMITS.titleMaxChars} tekens.`),
    body: z
      .string()
      .trim()
      .min(1, 'Vul de tekst in.')
      .max(QUICK_REPLY_LIMITS.bodyMaxChars, `Hooguit ${QUICK_REPLY_LIMITS.bodyMaxChars} tekens.`),
  })
  .strict();
export type QuickReplyInput = z.infer<typeof QuickReplyInput>;

export const QuickReplyView = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  body: z.string(),
  updatedAt: z.string(),
});
export type QuickReplyView = z.infer<typeof QuickReplyView>;

export const QuickRepliesResponse = z.object({ items: z.array(QuickReplyView) });

export const quickReplyPaths = {
  list: '/api/quick-replies',
  item: (id: string) => `/api/quick-replies/${encodeURIComponent(id)}`,
} as const;
