import { z } from 'zod';

/**
 * Quick replies ("snelle antwoorden") and transfer targets. Extension of `@kcc/contracts`: the workplace keeps a
 * copy of these shapes in `features/quick-replies/api` and `features/handover/api` until they move into contracts.
 */
export const QUICK_REPLY_LIMITS = {
  codeMaxChars: 40,
  titleMaxChars: 100,
  bodyMaxChars: 2000,
  maxItems: 500,
} as const;

export const QuickReplyInput = z
  .object({
    /** What the agent types after `/`, e.g. `openingstijden`. */
    code: z
      .string()
      .trim()
      .min(1)
      .max(QUICK_REPLY_LIMITS.codeMaxChars)
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'Alleen kleine letters, cijfers en -, beginnend met een letter of cijfer',
      ),
    title: z.string().trim().min(1).max(QUICK_REPLY_LIMITS.titleMaxChars),
    body: z.string().trim().min(1).max(QUICK_REPLY_LIMITS.bodyMaxChars),
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
export type QuickRepliesResponse = z.infer<typeof QuickRepliesResponse>;

/** `GET /api/colleagues`: who a contact can go to (names and presence only) and the queues. */
export const ColleagueView = z.object({
  id: z.string(),
  name: z.string(),
  presence: z.enum(['beschikbaar', 'pauze', 'nawerk', 'offline', 'niet-reagerend']),
});
export type ColleagueView = z.infer<typeof ColleagueView>;
export const TransferQueueView = z.object({
  id: z.string(),
  name: z.string(),
  channels: z.array(z.string()),
});
export type TransferQueueView = z.infer<typeof TransferQueueView>;
export const ColleaguesResponse = z.object({
  items: z.array(ColleagueView),
  queues: z.array(TransferQueueView),
});
export type ColleaguesResponse = z.infer<typeof ColleaguesResponse>;
