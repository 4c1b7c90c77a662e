import { z } from 'zod';
import { IsoDateTime } from './domain';

/**
 * Toestemmingen (issue 15 §4): what a resident allowed the municipality to do on its own initiative, and through
 * which channel. One record per grant; a withdrawal closes it (`ingetrokkenOp`), the history stays.
 */
export const TOESTEMMING_SOORTEN = ['proactief_contact', 'voorkeurskanaal'] as const;
export const ToestemmingSoort = z.enum(TOESTEMMING_SOORTEN);
export type ToestemmingSoort = z.infer<typeof ToestemmingSoort>;

export const TOESTEMMING_SOORT_LABELS: Record<ToestemmingSoort, string> = {
  proactief_contact: 'Zelf contact opnemen (bijvoorbeeld vragen naar tevredenheid)',
  voorkeurskanaal: 'Berichten over de afhandeling via het voorkeurskanaal',
};

/** The channel a message goes out through. */
export const BERICHT_KANALEN = ['email', 'sms'] as const;
export const BerichtKanaal = z.enum(BERICHT_KANALEN);
export type BerichtKanaal = z.infer<typeof BerichtKanaal>;

export const BERICHT_KANAAL_LABELS: Record<BerichtKanaal, string> = { email: 'E-mail', sms: 'Sms' };

export const Toestemming = z.object({
  id: z.uuid(),
  partijUuid: z.uuid(),
  soort: ToestemmingSoort,
  kanaal: BerichtKanaal,
  /** The e-mail address or mobile number the messages go to. */
  adres: z.string(),
  /** How it was given, in the resident's words as the agent recorded them (`mondeling gegeven`). */
  wijze: z.string(),
  /** The contact channel it was given in (telefoon, chat, balie…). */
  gegevenVia: z.string(),
  gegevenOp: IsoDateTime,
  vastgelegdDoor: z.string(),
  ingetrokkenOp: IsoDateTime.optional(),
  ingetrokkenDoor: z.string().optional(),
});
export type Toestemming = z.infer<typeof Toestemming>;

const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** A Dutch mobile number (06…, +316…, 00316…), spaces and dashes allowed. */
export const MOBIEL_RE = /^(?:\+31|0031|0)6[\s-]?(?:\d[\s-]?){8}$/;

export const ToestemmingRequest = z
  .object({
    soort: ToestemmingSoort,
    kanaal: BerichtKanaal,
    adres: z.string().trim().min(3).max(254),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kanaal === 'email' && !EMAIL_RE.test(v.adres)) {
      ctx.addIssue({ code: 'custom', path: ['adres'], message: 'Vul een geldig e-mailadres in.' });
    }
    if (v.kanaal === 'sms' && !MOBIEL_RE.test(v.adres)) {
      ctx.addIssue({ code: 'custom', path: ['adres'], message: 'Vul een mobiel nummer in (06…).' });
    }
  });
export type ToestemmingRequest = z.infer<typeof ToestemmingRequest>;

/** A message to the resident about what happened with their question, as the agent sees it. */
export const TERUGKOPPELING_STATUSSEN = ['wachtend', 'verstuurd', 'mislukt', 'niet_verstuurd'] as const;
export const TerugkoppelingView = z.object({
  id: z.uuid(),
  aanleiding: z.enum([
    'interne_taak_verwerkt',
    'terugbelverzoek_afgesloten',
    'vervolg_geregistreerd',
    'beoordeling',
  ]),
  status: z.enum(TERUGKOPPELING_STATUSSEN),
  kanaal: BerichtKanaal.optional(),
  /** Why nothing went out, or why it failed. */
  reden: z.string().optional(),
  aangemaaktOp: IsoDateTime,
  verstuurdOp: IsoDateTime.optional(),
});
export type TerugkoppelingView = z.infer<typeof TerugkoppelingView>;

export const ToestemmingenResponse = z.object({
  partij: z.object({ uuid: z.uuid(), naam: z.string() }).optional(),
  /** Active grants. */
  actueel: z.array(Toestemming),
  /** Every grant, withdrawn ones included, newest first. */
  geschiedenis: z.array(Toestemming),
  /** The channel messages go to now, when a voorkeurskanaal grant is active. */
  voorkeurskanaal: z.object({ kanaal: BerichtKanaal, adres: z.string() }).optional(),
  /** May the agent record a grant now (the resident must be geverifieerd or geauthenticeerd)? */
  vastleggenToegestaan: z.boolean(),
  /** Messages about this resident's questions (newest first). */
  terugkoppelingen: z.array(TerugkoppelingView),
});
export type ToestemmingenResponse = z.infer<typeof ToestemmingenResponse>;

export const toestemmingenPaths = {
  list: (contactId: string) => `/api/contacts/${encodeURIComponent(contactId)}/toestemmingen`,
  intrekken: (contactId: string, id: string) =>
    `/api/contacts/${encodeURIComponent(contactId)}/toestemmingen/${encodeURIComponent(id)}/intrekken`,
};
