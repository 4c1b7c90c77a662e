import { z } from 'zod';
import { Channel, ContactSummary, IsoDateTime } from './domain';
import type { Ack } from './realtime';

/**
 * Channels: messages of a contact, the citizen chat (`/citizen`), e-mail, CTI, web forms, callback requests,
 * transfer and consult. CONTRACT.md "Messages in a contact", "Citizen chat" and "E-mail in" are kept exactly;
 * everything else here is an extension.
 */

// ---------------------------------------------------------------- limits shared by widget and server
export const CHAT_LIMITS = {
  /** Characters per chat message. */
  messageMaxChars: 2000,
  nameMaxChars: 100,
  subjectMaxChars: 200,
} as const;

// ---------------------------------------------------------------- messages of a contact
export const AttachmentView = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** Relative download path: `GET /api/contacts/{contactId}/attachments/{id}` (Bearer). */
  url: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const MessageDirection = z.enum(['in', 'uit']);
export type MessageDirection = z.infer<typeof MessageDirection>;

/** Why an outgoing e-mail did not go out (classified from the relay's answer or the network error). */
export const DeliveryFailureReason = z.enum([
  'no-relay',
  'relay-unreachable',
  'temporarily-refused',
  'recipient-refused',
  'sender-refused',
  'message-refused',
  'unknown',
]);
export type DeliveryFailureReason = z.infer<typeof DeliveryFailureReason>;

/** CONTRACT: `{id, direction, body, at, from?}`; the other fields are extensions. */
export const MessageView = z.object({
  id: z.string(),
  direction: MessageDirection,
  /** Plain text (for e-mail the text part, or text derived from the HTML). */
  body: z.string(),
  at: IsoDateTime,
  from: z.string().optional(),
  /** Sanitised HTML of an e-mail; safe to render (no scripts, no event handlers, no remote resources). */
  html: z.string().optional(),
  attachments: z.array(AttachmentView).optional(),
  /** Outgoing e-mail: `pending` until the relay accepted it, `failed` after the retries ran out. */
  delivery: z.enum(['pending', 'sent', 'failed', 'delivered']).optional(),
  /** The last failed attempt of a message not sent yet: `pending` with a retry planned, or `failed`. */
  deliveryFailure: z
    .object({
      reason: DeliveryFailureReason,
      /** What the relay or the network said. */
      detail: z.string().optional(),
      attempts: z.number().int().nonnegative(),
      /** When the next automatic attempt is due (`pending` only). */
      nextAttemptAt: IsoDateTime.optional(),
    })
    .optional(),
  /** Grows with every delivery change: of two views of one message the higher is the newer. */
  revision: z.number().int().nonnegative().optional(),
  /** Name of the medewerker who sent an outgoing message. */
  agentName: z.string().optional(),
});
export type MessageView = z.infer<typeof MessageView>;

export const MessagesResponse = z.object({ items: z.array(MessageView) });
export type MessagesResponse = z.infer<typeof MessagesResponse>;

export const PostMessageRequest = z.object({ body: z.string().trim().min(1).max(20_000) }).strict();
export type PostMessageRequest = z.infer<typeof PostMessageRequest>;
export const PostMessageResponse = z.object({ message: MessageView });
/** `GET /api/klantcontacten/{uuid}/transcript`. */
export const KlantcontactTranscriptResponse = z.object({
  klantcontactUuid: z.string(),
  contactId: z.string(),
  channel: z.string(),
  messages: z.array(MessageView),
});
export type KlantcontactTranscriptResponse = z.infer<typeof KlantcontactTranscriptResponse>;
export type PostMessageResponse = z.infer<typeof PostMessageResponse>;

// ---------------------------------------------------------------- context, drafts, transfer, consult
export const DraftRequest = z
  .object({
    /** Whatever the workplace keeps of an unfinished registration (JSON, at most 64 kB serialised). */
    draft: z.record(z.string(), z.unknown()),
  })
  .strict();
export type DraftRequest = z.infer<typeof DraftRequest>;
export const DraftView = z.object({
  agentId: z.string(),
  agentName: z.string().optional(),
  draft: z.record(z.string(), z.unknown()),
  savedAt: IsoDateTime,
});
export type DraftView = z.infer<typeof DraftView>;

export const TransferRequest = z
  .object({
    toQueue: z.string().trim().min(1).max(100).optional(),
    toAgentId: z.string().trim().min(1).max(100).optional(),
    note: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine((v) => (v.toQueue === undefined) !== (v.toAgentId === undefined), {
    message: 'Kies een wachtrij of een collega (precies één van beide).',
    path: ['toQueue'],
  });
export type TransferRequest = z.infer<typeof TransferRequest>;
export const TransferResponse = z.object({
  contactId: z.string(),
  toQueue: z.string().optional(),
  toAgentId: z.string().optional(),
  /** Transfer to a colleague: the offer they got. */
  offerId: z.string().optional(),
});
export type TransferResponse = z.infer<typeof TransferResponse>;

export const ConsultRequest = z
  .object({
    toAgentId: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(2000),
  })
  .strict();
export type ConsultRequest = z.infer<typeof ConsultRequest>;
export const ConsultReplyRequest = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
export type ConsultReplyRequest = z.infer<typeof ConsultReplyRequest>;

export const NoteView = z.object({
  id: z.string(),
  kind: z.enum(['overdracht', 'consult', 'consult-antwoord']),
  fromAgentId: z.string(),
  fromName: z.string().optional(),
  toAgentId: z.string().optional(),
  toQueue: z.string().optional(),
  text: z.string(),
  at: IsoDateTime,
});
export type NoteView = z.infer<typeof NoteView>;

export const ContactEventView = z.object({
  type: z.string(),
  at: IsoDateTime,
  agentId: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** `GET /api/contacts/{id}/context`: everything a receiving colleague needs (warm hand-over). */
export const ContactContextResponse = z.object({
  contactId: z.string(),
  channel: Channel,
  partijUuid: z.string().optional(),
  messages: z.array(MessageView),
  notes: z.array(NoteView),
  drafts: z.array(DraftView),
  events: z.array(ContactEventView),
  kanaalswitch: z
    .object({ fromChannel: Channel, fromContactId: z.string(), partijUuid: z.string(), at: IsoDateTime })
    .optional(),
  chat: z
    .object({
      conversationId: z.string(),
      ended: z.boolean(),
      endedBy: z.enum(['inwoner', 'medewerker']).optional(),
      rating: z.number().int().min(1).max(5).optional(),
    })
    .optional(),
  terugbelverzoek: z.lazy(() => CallbackView).optional(),
});
export type ContactContextResponse = z.infer<typeof ContactContextResponse>;

// ---------------------------------------------------------------- terugbelverzoek
const TIME_WINDOW_MAX_MS = 60 * 24 * 3600 * 1000;

export const Telefoonnummer = z
  .string()
  .trim()
  .min(6)
  .max(20)
  .regex(/^\+?[0-9 ()-]+$/, 'Alleen cijfers, spaties, +, ( ) en -');

export const CallbackRequest = z
  .object({
    telefoonnummer: Telefoonnummer,
    voorkeurVan: IsoDateTime.optional(),
    voorkeurTot: IsoDateTime.optional(),
    notitie: z.string().trim().max(2000).optional(),
    queue: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .refine(
    (v) =>
      v.voorkeurVan === undefined ||
      v.voorkeurTot === undefined ||
      (Date.parse(v.voorkeurTot) > Date.parse(v.voorkeurVan) &&
        Date.parse(v.voorkeurTot) - Date.parse(v.voorkeurVan) <= TIME_WINDOW_MAX_MS),
    { message: 'voorkeurTot moet na voorkeurVan liggen (hooguit 60 dagen later).', path: ['voorkeurTot'] },
  );
export type CallbackRequest = z.infer<typeof CallbackRequest>;

export const CallbackView = z.object({
  contactId: z.string(),
  telefoonnummer: z.string(),
  /** `tel:` link to dial out. */
  telLink: z.string(),
  voorkeurVan: IsoDateTime,
  voorkeurTot: IsoDateTime.optional(),
  notitie: z.string().optional(),
  poging: z.number().int().positive(),
  maxPogingen: z.number().int().positive(),
  bronContactId: z.string().optional(),
  uitkomst: z.enum(['gelukt', 'niet-bereikt']).optional(),
});
export type CallbackView = z.infer<typeof CallbackView>;

export const CallbackOutcomeRequest = z
  .object({
    uitkomst: z.enum(['gelukt', 'niet-bereikt']),
    /** Niet bereikt: the next attempt's window (default: the retry delay from now). */
    nieuwVan: IsoDateTime.optional(),
    nieuwTot: IsoDateTime.optional(),
  })
  .strict();
export type CallbackOutcomeRequest = z.infer<typeof CallbackOutcomeRequest>;
export const CallbackOutcomeResponse = z.object({
  uitkomst: z.enum(['gelukt', 'niet-bereikt']),
  poging: z.number().int(),
  maxPogingen: z.number().int(),
  /** The next attempt, when one was queued. */
  volgende: z.object({ contactId: z.string(), voorkeurVan: IsoDateTime }).optional(),
});
export type CallbackOutcomeResponse = z.infer<typeof CallbackOutcomeResponse>;

// ---------------------------------------------------------------- web forms
export const WebformRequest = z
  .object({
    formulier: z.string().trim().min(1).max(200),
    /** The platform's id of this submission; the same id again → the same contact. */
    inzendingId: z.string().trim().min(1).max(200).optional(),
    velden: z
      .record(z.string().trim().min(1).max(200), z.union([z.string().max(10_000), z.number(), z.boolean()]))
      .refine((v) => Object.keys(v).length <= 100, 'Hooguit 100 velden'),
    indiener: z
      .object({
        naam: z.string().trim().min(1).max(200).optional(),
        email: z.email().max(254).optional(),
        telefoon: z.string().trim().min(1).max(40).optional(),
      })
      .strict()
      .default({}),
    bsn: z
      .string()
      .regex(/^[0-9]{9}$/, 'Een BSN heeft 9 cijfers')
      .optional(),
    queue: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type WebformRequest = z.infer<typeof WebformRequest>;

// ---------------------------------------------------------------- telephony (CTI)
const CtiBase = {
  eventId: z.string().trim().min(1).max(200),
  callId: z.string().trim().min(1).max(200),
  at: IsoDateTime.optional(),
};
export const CtiEvent = z.discriminatedUnion('type', [
  z
    .object({
      ...CtiBase,
      type: z.literal('call.offered'),
      from: z.string().trim().min(1).max(40),
      /** The dialled number (mapped to a queue by KCC_CTI_NUMBERS) or a queue id. */
      to: z.string().trim().min(1).max(40).optional(),
      queue: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
  z
    .object({
      ...CtiBase,
      type: z.literal('call.answered'),
      agentId: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
  z
    .object({
      ...CtiBase,
      type: z.literal('call.transferred'),
      toQueue: z.string().trim().min(1).max(100).optional(),
      toAgentId: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
  z.object({ ...CtiBase, type: z.literal('call.ended') }).strict(),
  z.object({ ...CtiBase, type: z.literal('call.abandoned') }).strict(),
]);
export type CtiEvent = z.infer<typeof CtiEvent>;
export const CTI_EVENT_TYPES = [
  'call.offered',
  'call.answered',
  'call.transferred',
  'call.ended',
  'call.abandoned',
] as const;

export const CtiEventResponse = z.object({
  eventId: z.string(),
  /** `processed` the first time, `duplicate` for a replay (nothing happens twice). */
  status: z.enum(['processed', 'duplicate']),
  contactId: z.string().optional(),
  /** A callback request created for an abandoned call. */
  terugbelverzoekContactId: z.string().optional(),
});
export type CtiEventResponse = z.infer<typeof CtiEventResponse>;

// ---------------------------------------------------------------- citizen chat (`/citizen`)
export const ChatStartPayload = z
  .object({
    name: z.string().trim().min(1).max(CHAT_LIMITS.nameMaxChars).optional(),
    email: z.email().max(254).optional(),
    subject: z.string().trim().min(1).max(CHAT_LIMITS.subjectMaxChars).optional(),
    pageUrl: z.url().max(2000).optional(),
    /** Queue id (the widget's data-queue); default: the chat queue. */
    queue: z.string().trim().min(1).max(100).optional(),
    /**
     * The resident logged in with DigiD on the municipality's site: the signed token (JWT) it passed to the
     * widget. The server checks it against the configured issuer; the contact is then `geauthenticeerd`.
     */
    digidToken: z.string().min(20).max(8192).optional(),
  })
  .strict();
export type ChatStartPayload = z.infer<typeof ChatStartPayload>;
export const ChatStarted = z.object({ conversationId: z.string(), resumeToken: z.string() });
export type ChatStarted = z.infer<typeof ChatStarted>;

export const ChatMessagePayload = z
  .object({ text: z.string().trim().min(1).max(CHAT_LIMITS.messageMaxChars) })
  .strict();
export type ChatMessagePayload = z.infer<typeof ChatMessagePayload>;
export const ChatResumePayload = z.object({ resumeToken: z.string().min(10).max(200) }).strict();
export type ChatResumePayload = z.infer<typeof ChatResumePayload>;
export const ChatTypingPayload = z.object({ typing: z.boolean() }).strict();
export type ChatTypingPayload = z.infer<typeof ChatTypingPayload>;
export const ChatRatingPayload = z
  .object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() })
  .strict();
export type ChatRatingPayload = z.infer<typeof ChatRatingPayload>;
/** The transcript goes only to the address given at chat start, so the payload carries no address (no open relay). */
export const ChatTranscriptPayload = z.object({}).strict();
export type ChatTranscriptPayload = z.infer<typeof ChatTranscriptPayload>;
export const EmptyPayload = z.object({}).strict().optional();

/** "Laat een bericht achter": an e-mail-like contact, or a callback request when `terugbellen` is set. */
export const ChatLeaveMessagePayload = z
  .object({
    name: z.string().trim().min(1).max(CHAT_LIMITS.nameMaxChars).optional(),
    email: z.email().max(254).optional(),
    text: z.string().trim().min(1).max(CHAT_LIMITS.messageMaxChars),
    terugbellen: z
      .object({
        telefoonnummer: Telefoonnummer,
        voorkeurVan: IsoDateTime.optional(),
        voorkeurTot: IsoDateTime.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.email !== undefined || v.terugbellen !== undefined, {
    message: 'Vul een e-mailadres of een telefoonnummer in, zodat wij kunnen antwoorden.',
    path: ['email'],
  });
export type ChatLeaveMessagePayload = z.infer<typeof ChatLeaveMessagePayload>;
export const ChatLeftMessage = z.object({
  contactId: z.string(),
  kind: z.enum(['email', 'terugbelverzoek']),
});
export type ChatLeftMessage = z.infer<typeof ChatLeftMessage>;

export const ChatAvailability = z.object({
  /** Chat can start now (open and at least one medewerker beschikbaar or in nawerk). */
  available: z.boolean(),
  open: z.boolean(),
  reason: z.enum(['gesloten', 'geen-medewerkers']).optional(),
  /** Human readable opening hours, e.g. "ma–vr 08:30–17:00". */
  openingHours: z.string(),
});
export type ChatAvailability = z.infer<typeof ChatAvailability>;

export const ChatTranscriptLine = z.object({
  from: z.enum(['inwoner', 'medewerker']),
  name: z.string().optional(),
  text: z.string(),
  at: IsoDateTime,
});
export type ChatTranscriptLine = z.infer<typeof ChatTranscriptLine>;
export const ChatResumed = z.object({
  conversationId: z.string(),
  status: z.enum(['wachten', 'verbonden', 'beeindigd']),
  agentName: z.string().optional(),
  messages: z.array(ChatTranscriptLine),
});
export type ChatResumed = z.infer<typeof ChatResumed>;

/** server → resident */
export const ChatMessageEvent = z.object({
  from: z.literal('medewerker'),
  name: z.string(),
  text: z.string(),
  at: IsoDateTime,
});
export type ChatMessageEvent = z.infer<typeof ChatMessageEvent>;
export const ChatEndedEvent = z.object({ by: z.enum(['inwoner', 'medewerker', 'systeem']) });
export type ChatEndedEvent = z.infer<typeof ChatEndedEvent>;
export const ChatQueueEvent = z.object({
  position: z.number().int().positive(),
  expectedWaitSeconds: z.number().int().nonnegative(),
});
export type ChatQueueEvent = z.infer<typeof ChatQueueEvent>;
export const ChatAcceptedEvent = z.object({ name: z.string() });
export type ChatAcceptedEvent = z.infer<typeof ChatAcceptedEvent>;

/** Error codes in `{ok:false, error}` on `/citizen` (besides `invalid_payload`, `internal_error`). */
export const CITIZEN_ERRORS = {
  noConversation: 'no_conversation',
  ended: 'ended',
  rateLimited: 'rate_limited',
  unavailable: 'unavailable',
  notFound: 'not_found',
  alreadyStarted: 'already_started',
  notEnded: 'not_ended',
  noEmail: 'no_email',
  alreadySent: 'already_sent',
  /** The DigiD token is expired, not for this server, or not signed by the configured issuer. */
  digidInvalid: 'digid_invalid',
} as const;

/** `connect_error` messages of `/citizen`. */
export const CITIZEN_CONNECT_ERRORS = {
  origin: 'origin_not_allowed',
  tooManyConnections: 'too_many_connections',
} as const;

export interface CitizenClientToServerEvents {
  'chat:availability': (
    payload: undefined | Record<string, never>,
    ack: (res: Ack<ChatAvailability>) => void,
  ) => void;
  'chat:start': (payload: ChatStartPayload, ack: (res: Ack<ChatStarted>) => void) => void;
  'chat:message': (payload: ChatMessagePayload, ack: (res: Ack) => void) => void;
  'chat:resume': (payload: ChatResumePayload, ack: (res: Ack<ChatResumed>) => void) => void;
  'chat:typing': (payload: ChatTypingPayload, ack?: (res: Ack) => void) => void;
  'chat:end': (payload: undefined | Record<string, never>, ack: (res: Ack) => void) => void;
  'chat:rating': (payload: ChatRatingPayload, ack: (res: Ack) => void) => void;
  'chat:transcript': (payload: ChatTranscriptPayload, ack: (res: Ack) => void) => void;
  'chat:leave-message': (payload: ChatLeaveMessagePayload, ack: (res: Ack<ChatLeftMessage>) => void) => void;
}

export interface CitizenServerToClientEvents {
  'chat:message': (event: ChatMessageEvent) => void;
  'chat:ended': (event: ChatEndedEvent) => void;
  'chat:queue': (event: ChatQueueEvent) => void;
  /** A medewerker took the chat. */
  'chat:accepted': (event: ChatAcceptedEvent) => void;
  'chat:typing': (event: ChatTypingPayload) => void;
}

// ---------------------------------------------------------------- `/agent` additions
export const AgentChatTypingPayload = z
  .object({ contactId: z.string().min(1).max(100), typing: z.boolean() })
  .strict();
export type AgentChatTypingPayload = z.infer<typeof AgentChatTypingPayload>;
export const AgentChatEndPayload = z.object({ contactId: z.string().min(1).max(100) }).strict();
export type AgentChatEndPayload = z.infer<typeof AgentChatEndPayload>;

export const ContactMessageAddedEvent = z.object({ contactId: z.string(), message: MessageView });
export type ContactMessageAddedEvent = z.infer<typeof ContactMessageAddedEvent>;
export const AgentChatTypingEvent = z.object({ contactId: z.string(), typing: z.boolean() });
export type AgentChatTypingEvent = z.infer<typeof AgentChatTypingEvent>;
export const AgentChatEndedEvent = z.object({ contactId: z.string(), by: z.enum(['inwoner', 'medewerker']) });
export type AgentChatEndedEvent = z.infer<typeof AgentChatEndedEvent>;
export const ContactTransferredEvent = z.object({
  contactId: z.string(),
  contact: ContactSummary,
  fromAgentId: z.string(),
  fromName: z.string().optional(),
  note: z.string(),
  offerId: z.string().optional(),
});
export type ContactTransferredEvent = z.infer<typeof ContactTransferredEvent>;
export const ConsultReceivedEvent = z.object({
  consultId: z.string(),
  contactId: z.string(),
  contact: ContactSummary,
  fromAgentId: z.string(),
  fromName: z.string().optional(),
  text: z.string(),
  at: IsoDateTime,
});
export type ConsultReceivedEvent = z.infer<typeof ConsultReceivedEvent>;
export const ConsultRepliedEvent = z.object({
  consultId: z.string(),
  contactId: z.string(),
  fromAgentId: z.string(),
  fromName: z.string().optional(),
  text: z.string(),
  at: IsoDateTime,
});
export type ConsultRepliedEvent = z.infer<typeof ConsultRepliedEvent>;
export const CallEndedEvent = z.object({ contactId: z.string(), callId: z.string() });
export type CallEndedEvent = z.infer<typeof CallEndedEvent>;

/** Commands the workplace can send on `/agent` in addition to `AgentClientToServerEvents`. */
export interface AgentChannelClientToServerEvents {
  'chat:typing': (payload: AgentChatTypingPayload, ack?: (res: Ack) => void) => void;
  'chat:end': (payload: AgentChatEndPayload, ack: (res: Ack) => void) => void;
}

/** Pushes on `/agent` in addition to `AgentServerToClientEvents`. */
export interface AgentChannelServerToClientEvents {
  /** A message was added to a contact this agent holds (or has on offer). */
  'contact:message-added': (event: ContactMessageAddedEvent) => void;
  /** The resident is typing in a chat this agent holds. */
  'chat:typing': (event: AgentChatTypingEvent) => void;
  /** The chat ended (by the resident, or by this agent in another window): register the contact. */
  'chat:ended': (event: AgentChatEndedEvent) => void;
  /** A colleague transferred a contact to this agent (an offer follows) or to this agent's queue. */
  'contact:transferred': (event: ContactTransferredEvent) => void;
  'consult:received': (event: ConsultReceivedEvent) => void;
  'consult:replied': (event: ConsultRepliedEvent) => void;
  /** The telephony platform reported the call ended: register the contact. */
  'call:ended': (event: CallEndedEvent) => void;
}

/** REST paths added by the channels part. */
export const channelPaths = {
  messages: (id: string) => `/api/contacts/${encodeURIComponent(id)}/messages`,
  /** `POST`: try an outgoing e-mail that did not go out again now (holder). */
  messageRetry: (id: string, messageId: string) =>
    `/api/contacts/${encodeURIComponent(id)}/messages/${encodeURIComponent(messageId)}/retry`,
  /** `GET`: the messages a registered klantcontact refers to (its transcript). */
  klantcontactTranscript: (uuid: string) => `/api/klantcontacten/${encodeURIComponent(uuid)}/transcript`,
  attachment: (id: string, attId: string) =>
    `/api/contacts/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attId)}`,
  context: (id: string) => `/api/contacts/${encodeURIComponent(id)}/context`,
  draft: (id: string) => `/api/contacts/${encodeURIComponent(id)}/draft`,
  transfer: (id: string) => `/api/contacts/${encodeURIComponent(id)}/transfer`,
  consult: (id: string) => `/api/contacts/${encodeURIComponent(id)}/consult`,
  consultReply: (consultId: string) => `/api/consults/${encodeURIComponent(consultId)}/reply`,
  chatEnd: (id: string) => `/api/contacts/${encodeURIComponent(id)}/chat/end`,
  terugbelverzoek: (id: string) => `/api/contacts/${encodeURIComponent(id)}/terugbelverzoek`,
  terugbelverzoekUitkomst: (id: string) => `/api/contacts/${encodeURIComponent(id)}/terugbelverzoek/uitkomst`,
  ctiEvents: '/api/channels/telefonie/events',
  webformulier: '/api/channels/webformulier',
} as const;

// ---------------------------------------------------------------- ontvangstbevestiging (receipts)

/** The automatic receipt of one queue's e-mail and web-form contacts, as the beheerder edits it. */
export const OntvangstbevestigingTemplate = z.object({
  queueId: z.string(),
  /** With placeholders {naam}, {onderwerp}, {datum}, {werkdagen}, {kenmerk}; greeting and signature are added. */
  tekst: z.string(),
  actief: z.boolean(),
  /** True while the beheerder has not changed it (the default text). */
  standaard: z.boolean(),
  bijgewerktOp: z.string().optional(),
  bijgewerktDoor: z.string().optional(),
});
export type OntvangstbevestigingTemplate = z.infer<typeof OntvangstbevestigingTemplate>;

/** GET /api/beheer/ontvangstbevestigingen — one template per queue, and the placeholders a text may use. */
export const OntvangstbevestigingenResponse = z.object({
  items: z.array(OntvangstbevestigingTemplate.extend({ queueNaam: z.string() })),
  plaatshouders: z.array(z.string()),
});
export type OntvangstbevestigingenResponse = z.infer<typeof OntvangstbevestigingenResponse>;

/** PUT /api/beheer/ontvangstbevestigingen/{queueId}. */
export const OntvangstbevestigingUpdate = z
  .object({
    tekst: z
      .string()
      .trim()
      .min(20, 'De tekst is te kort: schrijf ten minste één zin.')
      .max(5000, 'De tekst is te lang: hooguit 5000 tekens.'),
    actief: z.boolean(),
  })
  .strict();
export type OntvangstbevestigingUpdate = z.infer<typeof OntvangstbevestigingUpdate>;

export const ontvangstbevestigingPaths = {
  lijst: '/api/beheer/ontvangstbevestigingen',
  queue: (queueId: string) => `/api/beheer/ontvangstbevestigingen/${encodeURIComponent(queueId)}`,
} as const;
