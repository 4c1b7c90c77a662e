import { z } from 'zod';

/** First-line channels of a municipal KCC (CONTRACT.md, Inbound contacts). */
export const CHANNELS = [
  'telefoon',
  'chat',
  'email',
  'webformulier',
  'terugbelverzoek',
  'balie',
  'social',
] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Dutch labels for the UI (B1). */
export const CHANNEL_LABELS: Record<Channel, string> = {
  telefoon: 'Telefoon',
  chat: 'Chat',
  email: 'E-mail',
  webformulier: 'Webformulier',
  terugbelverzoek: 'Terugbelverzoek',
  balie: 'Balie',
  social: 'Sociale media',
};

/** Agent presence. `nawerk` and `niet-reagerend` are set by the system only. */
export const PRESENCES = ['beschikbaar', 'pauze', 'nawerk', 'offline', 'niet-reagerend'] as const;
export const Presence = z.enum(PRESENCES);
export type Presence = z.infer<typeof Presence>;

/** What an agent may set themselves (CONTRACT.md, Agent socket). */
export const AGENT_SETTABLE_PRESENCES = ['beschikbaar', 'pauze', 'offline'] as const;
export const AgentSettablePresence = z.enum(AGENT_SETTABLE_PRESENCES);
export type AgentSettablePresence = z.infer<typeof AgentSettablePresence>;

export const PRESENCE_LABELS: Record<Presence, string> = {
  beschikbaar: 'Beschikbaar',
  pauze: 'Pauze',
  nawerk: 'Nawerk',
  offline: 'Offline',
  'niet-reagerend': 'Niet reagerend',
};

export const ROLES = ['medewerker', 'teamleider', 'beheerder', 'redacteur', 'privacy'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * Lifecycle of one item in the universal queue:
 * new → queued → offered → assigned → nawerk → closed; `transferred` and `abandoned` are terminal side exits.
 */
export const CONTACT_STATUSES = [
  'new',
  'queued',
  'offered',
  'assigned',
  'nawerk',
  'closed',
  'transferred',
  'abandoned',
] as const;
export const ContactStatus = z.enum(CONTACT_STATUSES);
export type ContactStatus = z.infer<typeof ContactStatus>;

export const IsoDateTime = z.iso.datetime({ offset: true });

/** Who the contact came from, as the channel reported it. */
export const ContactFrom = z
  .object({
    phone: z.string().trim().min(1).max(40).optional(),
    email: z.email().max(254).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    bsn: z
      .string()
      .regex(/^[0-9]{9}$/, 'Een BSN heeft 9 cijfers')
      .optional(),
  })
  .strict();
export type ContactFrom = z.infer<typeof ContactFrom>;

/** The shape pushed with `contact:offered` (CONTRACT.md). */
export const ContactSummary = z.object({
  id: z.string(),
  channel: Channel,
  queue: z.string(),
  subject: z.string().optional(),
  from: ContactFrom,
  createdAt: IsoDateTime,
});
export type ContactSummary = z.infer<typeof ContactSummary>;

/** A contact as the workplace sees it once it holds it. */
export const Contact = ContactSummary.extend({
  externalId: z.string(),
  status: ContactStatus,
  priority: z.number().int(),
  body: z.string().optional(),
  dueAt: IsoDateTime.optional(),
  assignedAgentId: z.string().optional(),
  acceptedAt: IsoDateTime.optional(),
  closedAt: IsoDateTime.optional(),
  /** The partij recognised or linked for this contact (Klantinteracties uuid). */
  partijUuid: z.string().uuid().optional(),
  /** How many klantcontacten were registered for this contact so far (several questions per contact). */
  registrations: z.number().int().nonnegative(),
});
export type Contact = z.infer<typeof Contact>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(Role),
});
export type User = z.infer<typeof User>;

export const Gespreksresultaat = z.object({
  code: z.string(),
  naam: z.string(),
  actief: z.boolean(),
});
export type Gespreksresultaat = z.infer<typeof Gespreksresultaat>;

/** A department that interne taken can be addressed to: an actor of soort organisatorische_eenheid. */
export const Afdeling = z.object({
  actorUuid: z.string().uuid(),
  naam: z.string(),
  omschrijving: z.string().optional(),
  emailadres: z.string().optional(),
  telefoonnummer: z.string().optional(),
});
export type Afdeling = z.infer<typeof Afdeling>;

/** Queue configuration as the server exposes it to the workplace. */
export const QueueInfo = z.object({
  id: z.string(),
  name: z.string(),
  channels: z.array(Channel),
  priority: z.number().int(),
  servicenorm: z.object({
    targetPercent: z.number().min(0).max(100),
    withinSeconds: z.number().int().positive(),
  }),
  acceptTimeoutSeconds: z.number().int().positive(),
  wrapUpSeconds: z.number().int().nonnegative(),
});
export type QueueInfo = z.infer<typeof QueueInfo>;

export const QueueWaiting = z.object({
  queue: z.string(),
  name: z.string(),
  waiting: z.number().int().nonnegative(),
  longestWaitSeconds: z.number().nonnegative(),
});
export type QueueWaiting = z.infer<typeof QueueWaiting>;

export const AgentState = z.object({
  presence: Presence,
  /** When the current presence began. */
  since: IsoDateTime,
  /** Set while presence is `nawerk`: when nawerk ends by itself. */
  nawerkUntil: IsoDateTime.optional(),
});
export type AgentState = z.infer<typeof AgentState>;
