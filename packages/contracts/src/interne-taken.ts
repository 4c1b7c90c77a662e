import { z } from 'zod';
import { IsoDateTime } from './domain';

/**
 * Working interne taken in the workplace (issue 14 §3): the lists "Mijn taken" and "Mijn afdeling", one taak
 * opened with where it came from, "Oppakken", notes and "Afronden" (Klantinteracties status `verwerkt`).
 */
const Ref = z.object({ uuid: z.uuid(), naam: z.string() });

/** One row of a list: no personal data of the resident (that is only shown, and logged, when a taak is opened). */
export const InterneTaakRegel = z.object({
  uuid: z.uuid(),
  gevraagdeHandeling: z.string(),
  status: z.enum(['te_verwerken', 'verwerkt']),
  toegewezenOp: IsoDateTime,
  afgehandeldOp: IsoDateTime.optional(),
  /** The organisatorische eenheid the taak is addressed to, if any. */
  afdeling: Ref.optional(),
  /** The medewerker the taak is addressed to or who claimed it ("Oppakken"). */
  medewerker: Ref.optional(),
  klantcontact: z.object({ uuid: z.uuid(), onderwerp: z.string(), kanaal: z.string() }),
});
export type InterneTaakRegel = z.infer<typeof InterneTaakRegel>;

export const InterneTakenLijst = z.enum(['mijn', 'afdeling']);
export type InterneTakenLijst = z.infer<typeof InterneTakenLijst>;

/** GET /api/internetaken?lijst=mijn|afdeling — open taken, longest waiting first. */
export const InterneTakenResponse = z.object({
  /** The afdelingen the signed-in medewerker belongs to. */
  afdelingen: z.array(Ref),
  items: z.array(InterneTaakRegel),
});
export type InterneTakenResponse = z.infer<typeof InterneTakenResponse>;

export const InterneTaakNotitie = z.object({
  id: z.number().int(),
  auteur: z.string(),
  tekst: z.string(),
  aangemaaktOp: IsoDateTime,
});
export type InterneTaakNotitie = z.infer<typeof InterneTaakNotitie>;

/** GET /api/internetaken/{uuid} — the taak opened: logged in the verwerkingenlog (doel interne_taak_afhandelen). */
export const InterneTaakDetail = InterneTaakRegel.extend({
  toelichting: z.string(),
  toegewezenAan: z.array(
    Ref.extend({ soort: z.enum(['medewerker', 'geautomatiseerde_actor', 'organisatorische_eenheid']) }),
  ),
  klantcontact: z.object({
    uuid: z.uuid(),
    onderwerp: z.string(),
    kanaal: z.string(),
    /** The resident's question (Klantcontact.inhoud). */
    inhoud: z.string(),
    reactie: z.string().optional(),
    plaatsgevondenOp: IsoDateTime,
    /** Who registered the contact. */
    medewerker: z.string().optional(),
  }),
  partij: Ref.optional(),
  notities: z.array(InterneTaakNotitie),
  /** What the signed-in medewerker may do now. */
  magOppakken: z.boolean(),
  magAfronden: z.boolean(),
});
export type InterneTaakDetail = z.infer<typeof InterneTaakDetail>;

export const NotitieRequest = z.object({ tekst: z.string().trim().min(1).max(2000) }).strict();
export type NotitieRequest = z.infer<typeof NotitieRequest>;

export const interneTakenPaths = {
  lijst: '/api/internetaken',
  taak: (uuid: string) => `/api/internetaken/${encodeURIComponent(uuid)}`,
  oppakken: (uuid: string) => `/api/internetaken/${encodeURIComponent(uuid)}/oppakken`,
  notities: (uuid: string) => `/api/internetaken/${encodeURIComponent(uuid)}/notities`,
  afronden: (uuid: string) => `/api/internetaken/${encodeURIComponent(uuid)}/afronden`,
  afdelingMedewerkers: (actorUuid: string) => `/api/afdelingen/${encodeURIComponent(actorUuid)}/medewerkers`,
} as const;

/** PUT /api/afdelingen/{actorUuid}/medewerkers (beheerder): who works the afdeling's taken. */
export const AfdelingMedewerkers = z
  .object({ userIds: z.array(z.string().min(1).max(100)).max(500) })
  .strict();
export type AfdelingMedewerkers = z.infer<typeof AfdelingMedewerkers>;
