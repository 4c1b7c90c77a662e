/**
 * The `/citizen` socket protocol as the widget uses it: every event name, payload type and error code in one place.
 * Types come from `@kcc/contracts/channels` (type-only imports: the contracts module builds zod schemas, which
 * must not end up in the widget bundle). Constant values are repeated here and checked against the contract's
 * literal types with `satisfies`, so a change on the server side fails the widget's typecheck.
 */
import type {
  CHAT_LIMITS,
  CITIZEN_CONNECT_ERRORS,
  CITIZEN_ERRORS,
  CitizenClientToServerEvents,
  CitizenServerToClientEvents,
} from '@kcc/contracts/channels';

export type {
  ChatAcceptedEvent,
  ChatAvailability,
  ChatEndedEvent,
  ChatLeaveMessagePayload,
  ChatLeftMessage,
  ChatMessageEvent,
  ChatQueueEvent,
  ChatResumed,
  ChatStarted,
  ChatStartPayload,
  ChatTranscriptLine,
  ChatTypingPayload,
} from '@kcc/contracts/channels';
export type { Ack, AckIssue } from '@kcc/contracts/realtime';

export const CITIZEN_NAMESPACE = '/citizen';

/** Resident → server commands; each is acknowledged with an `Ack`. */
export const CLIENT_EVENTS = {
  availability: 'chat:availability',
  start: 'chat:start',
  message: 'chat:message',
  resume: 'chat:resume',
  typing: 'chat:typing',
  end: 'chat:end',
  rating: 'chat:rating',
  transcript: 'chat:transcript',
  leaveMessage: 'chat:leave-message',
} as const satisfies Record<string, keyof CitizenClientToServerEvents>;

/** Server → resident events. */
export const SERVER_EVENTS = {
  message: 'chat:message',
  queue: 'chat:queue',
  accepted: 'chat:accepted',
  typing: 'chat:typing',
  ended: 'chat:ended',
} as const satisfies Record<string, keyof CitizenServerToClientEvents>;

export const LIMITS = {
  messageMaxChars: 2000,
  nameMaxChars: 100,
  subjectMaxChars: 200,
} as const satisfies typeof CHAT_LIMITS;

/** Longest message the widget lets a resident send (the server enforces the same limit). */
export const MAX_MESSAGE_LENGTH = LIMITS.messageMaxChars;

const CITIZEN_ERROR_CODES = {
  noConversation: 'no_conversation',
  ended: 'ended',
  rateLimited: 'rate_limited',
  unavailable: 'unavailable',
  notFound: 'not_found',
  alreadyStarted: 'already_started',
  notEnded: 'not_ended',
  noEmail: 'no_email',
  alreadySent: 'already_sent',
  digidInvalid: 'digid_invalid',
} as const satisfies typeof CITIZEN_ERRORS;

const CONNECT_ERROR_CODES = {
  origin: 'origin_not_allowed',
  tooManyConnections: 'too_many_connections',
} as const satisfies typeof CITIZEN_CONNECT_ERRORS;

/** Error codes in `{ok:false, error}` and `connect_error` messages that the widget explains (see texts.ts). */
export const ERROR_CODES = {
  ...CITIZEN_ERROR_CODES,
  ...CONNECT_ERROR_CODES,
  invalidPayload: 'invalid_payload',
  internal: 'internal_error',
  /** Set by the widget's transport when no ack arrives in time. */
  timeout: 'timeout',
} as const;

/** Start refusals that mean "nobody can take the chat now": the widget offers "Laat een bericht achter". */
export const OFFLINE_ERRORS: readonly string[] = [ERROR_CODES.unavailable];

/** Resume refusals that mean the conversation is gone: forget the token and start over. */
export const RESUME_GONE_ERRORS: readonly string[] = [
  ERROR_CODES.notFound,
  ERROR_CODES.noConversation,
  ERROR_CODES.ended,
  ERROR_CODES.invalidPayload,
];

/** `connect_error` messages after which socket.io does not retry: the server refused this page or this address. */
export const FATAL_CONNECT_ERRORS: readonly string[] = [
  CONNECT_ERROR_CODES.origin,
  CONNECT_ERROR_CODES.tooManyConnections,
];
