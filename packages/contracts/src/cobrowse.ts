import { z } from 'zod';
import type { Ack } from './realtime';

/**
 * Co-browse (meekijken): the resident's widget records its page with rrweb after consent, the server relays the
 * stream to the one agent who holds the contact, the agent points and (with a second consent) clicks and types.
 * Namespaces: `/cobrowse` for the resident's widget (anonymous), `/cobrowse-agent` for the workplace (token).
 */
export const COBROWSE_RESIDENT_NAMESPACE = '/cobrowse';
export const COBROWSE_AGENT_NAMESPACE = '/cobrowse-agent';

/** A phone code: 6 digits, single use, valid this long. */
export const COBROWSE_CODE_TTL_MS = 10 * 60_000;
export const CobrowseCode = z.string().regex(/^[0-9]{6}$/, 'Een code heeft 6 cijfers');

/**
 * One relayed part of a batch of rrweb events (the batch is JSON, split so a part stays under the socket limit of
 * 100,000 bytes even when every character is escaped in the packet or takes several UTF-8 bytes).
 */
export const COBROWSE_PART_MAX_CHARS = 30_000;

export const COBROWSE_ERRORS = {
  notFound: 'not_found',
  forbidden: 'forbidden',
  wrongCode: 'wrong_code',
  expiredCode: 'expired_code',
  rateLimited: 'rate_limited',
  notActive: 'not_active',
  controlNotAllowed: 'control_not_allowed',
  notSupported: 'not_supported',
  busy: 'busy',
} as const;

export const COBROWSE_STATUSES = ['invited', 'active', 'paused', 'ended'] as const;
export const CobrowseStatus = z.enum(COBROWSE_STATUSES);
export type CobrowseStatus = z.infer<typeof CobrowseStatus>;

export const COBROWSE_CONTROL = ['none', 'requested', 'granted'] as const;
export const CobrowseControl = z.enum(COBROWSE_CONTROL);
export type CobrowseControl = z.infer<typeof CobrowseControl>;

/** Why a session ended. */
export const COBROWSE_END_REASONS = [
  'resident',
  'agent',
  'refused',
  'contact-ended',
  'transferred',
  'resident-left',
  'expired',
] as const;
export const CobrowseEndReason = z.enum(COBROWSE_END_REASONS);
export type CobrowseEndReason = z.infer<typeof CobrowseEndReason>;

export const CobrowseVia = z.enum(['chat', 'code']);
export type CobrowseVia = z.infer<typeof CobrowseVia>;

/** What the agent's pane knows of a session. */
export const CobrowseSessionView = z.object({
  sessionId: z.string(),
  contactId: z.string(),
  via: CobrowseVia,
  status: CobrowseStatus,
  control: CobrowseControl,
  endedReason: CobrowseEndReason.optional(),
});
export type CobrowseSessionView = z.infer<typeof CobrowseSessionView>;

/** What the resident's widget knows of a session. */
export const CobrowseResidentState = z.object({
  sessionId: z.string(),
  agentName: z.string(),
  status: CobrowseStatus,
  control: CobrowseControl,
  endedReason: CobrowseEndReason.optional(),
});
export type CobrowseResidentState = z.infer<typeof CobrowseResidentState>;

/** Sent to the resident (on `/citizen` for a chat, on `/cobrowse` for a code) when an agent asks to look along. */
export const CobrowseInvite = z.object({
  sessionId: z.string(),
  token: z.string(),
  agentName: z.string(),
});
export type CobrowseInvite = z.infer<typeof CobrowseInvite>;

const Id = z.string().min(1).max(100);

// ---------------------------------------------------------------- resident → server
export const CobrowseJoinPayload = z.object({ sessionId: Id, token: z.string().min(16).max(100) }).strict();
export const CobrowseConsentPayload = z.object({ allow: z.boolean() }).strict();
export const CobrowseEventsPayload = z
  .object({
    seq: z.number().int().nonnegative(),
    part: z.string().max(COBROWSE_PART_MAX_CHARS),
    final: z.boolean(),
  })
  .strict();
export type CobrowseEventsPayload = z.infer<typeof CobrowseEventsPayload>;
export const CobrowseEmptyPayload = z.union([z.undefined(), z.object({}).strict()]);

// ---------------------------------------------------------------- agent → server
export const CobrowseContactPayload = z.object({ contactId: Id }).strict();
export const CobrowseRedeemPayload = z.object({ contactId: Id, code: CobrowseCode }).strict();
export const CobrowseSessionPayload = z.object({ sessionId: Id }).strict();
/** Pointer in page coordinates of the resident's document; `nodeId` (rrweb mirror id) highlights an element. */
export const CobrowsePointerPayload = z
  .object({
    sessionId: Id,
    x: z.number().finite().min(-100_000).max(1_000_000),
    y: z.number().finite().min(-100_000).max(1_000_000),
    nodeId: z.number().int().nonnegative().optional(),
  })
  .strict();
export type CobrowsePointerPayload = z.infer<typeof CobrowsePointerPayload>;
export const CobrowseInputAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('click'), nodeId: z.number().int().nonnegative() }).strict(),
  z
    .object({ type: z.literal('text'), nodeId: z.number().int().nonnegative(), text: z.string().max(500) })
    .strict(),
  z.object({ type: z.literal('scroll'), x: z.number().finite(), y: z.number().finite() }).strict(),
]);
export type CobrowseInputAction = z.infer<typeof CobrowseInputAction>;
export const CobrowseInputPayload = z.object({ sessionId: Id, action: CobrowseInputAction }).strict();

// ---------------------------------------------------------------- event maps
export interface CobrowseResidentClientToServerEvents {
  'cobrowse:code': (
    payload: undefined | Record<string, never>,
    ack: (res: Ack<{ code: string; expiresAt: string }>) => void,
  ) => void;
  'cobrowse:join': (
    payload: z.infer<typeof CobrowseJoinPayload>,
    ack: (res: Ack<CobrowseResidentState>) => void,
  ) => void;
  'cobrowse:consent': (payload: z.infer<typeof CobrowseConsentPayload>, ack: (res: Ack) => void) => void;
  'cobrowse:control-consent': (
    payload: z.infer<typeof CobrowseConsentPayload>,
    ack: (res: Ack) => void,
  ) => void;
  'cobrowse:events': (payload: CobrowseEventsPayload, ack?: (res: Ack) => void) => void;
  'cobrowse:end': (payload: undefined | Record<string, never>, ack: (res: Ack) => void) => void;
}
export interface CobrowseResidentServerToClientEvents {
  'cobrowse:invite': (invite: CobrowseInvite) => void;
  'cobrowse:state': (state: CobrowseResidentState) => void;
  'cobrowse:pointer': (pointer: Omit<CobrowsePointerPayload, 'sessionId'>) => void;
  'cobrowse:input': (action: CobrowseInputAction) => void;
  'cobrowse:resync': () => void;
}
export interface CobrowseAgentClientToServerEvents {
  'cobrowse:watch': (
    payload: z.infer<typeof CobrowseContactPayload>,
    ack: (res: Ack<CobrowseSessionView | null>) => void,
  ) => void;
  'cobrowse:request': (
    payload: z.infer<typeof CobrowseContactPayload>,
    ack: (res: Ack<CobrowseSessionView>) => void,
  ) => void;
  'cobrowse:redeem': (
    payload: z.infer<typeof CobrowseRedeemPayload>,
    ack: (res: Ack<CobrowseSessionView>) => void,
  ) => void;
  'cobrowse:pointer': (payload: CobrowsePointerPayload) => void;
  'cobrowse:control-request': (
    payload: z.infer<typeof CobrowseSessionPayload>,
    ack: (res: Ack) => void,
  ) => void;
  'cobrowse:input': (payload: z.infer<typeof CobrowseInputPayload>, ack: (res: Ack) => void) => void;
  'cobrowse:resync': (payload: z.infer<typeof CobrowseSessionPayload>, ack: (res: Ack) => void) => void;
  'cobrowse:end': (payload: z.infer<typeof CobrowseSessionPayload>, ack: (res: Ack) => void) => void;
}
export interface CobrowseAgentServerToClientEvents {
  'cobrowse:state': (view: CobrowseSessionView) => void;
  'cobrowse:events': (payload: CobrowseEventsPayload & { sessionId: string }) => void;
}

export { maskPersonalNumbers } from './cobrowse-mask';
