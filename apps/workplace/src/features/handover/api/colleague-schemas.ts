import { z } from 'zod';
import { Presence } from '@kcc/contracts/domain';

/**
 * Copy of the server's `modules/quick-replies/quick-replies.schemas.ts` `ColleaguesResponse` (an extension of
 * `@kcc/contracts`, to be moved there): `GET /api/colleagues`.
 */
export const ColleagueView = z.object({ id: z.string(), name: z.string(), presence: Presence });
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

export const colleaguesPath = '/api/colleagues';
