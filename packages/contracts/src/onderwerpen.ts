import { z } from 'zod';

/**
 * The managed list of onderwerpen (issue 14 §7): what a registration is about, tied to the kennisbank's products
 * (UPL). The registration's `onderwerp` stays free text; `onderwerpId` says it came from this list.
 */
export const ONDERWERP_LIMITS = { naamMaxChars: 200, uplMaxChars: 200, maxItems: 2000 } as const;

/** A UPL product uri, as the kennisbank keeps it (`http://standaarden.overheid.nl/owms/terms/paspoort`). */
const UplUri = z.url({ protocol: /^https?$/ }).max(ONDERWERP_LIMITS.uplMaxChars);

export const Onderwerp = z.object({
  id: z.string(),
  naam: z.string(),
  uplUri: z.string().optional(),
  /** Inactive ones are not suggested; registrations that used one keep their text. */
  actief: z.boolean(),
  /** `kennisbank`: taken over from a product article; `beheer`: added by a beheerder. */
  bron: z.enum(['kennisbank', 'beheer']),
  updatedAt: z.string(),
});
export type Onderwerp = z.infer<typeof Onderwerp>;

export const OnderwerpenResponse = z.object({ items: z.array(Onderwerp) });
export type OnderwerpenResponse = z.infer<typeof OnderwerpenResponse>;

/** `POST /api/onderwerpen` (beheerder). */
export const OnderwerpInput = z
  .object({
    naam: z.string().trim().min(1).max(ONDERWERP_LIMITS.naamMaxChars),
    uplUri: UplUri.optional(),
  })
  .strict();
export type OnderwerpInput = z.infer<typeof OnderwerpInput>;

/** `PATCH /api/onderwerpen/:id` (beheerder): rename, (de)activate. */
export const OnderwerpPatch = z
  .object({
    naam: z.string().trim().min(1).max(ONDERWERP_LIMITS.naamMaxChars).optional(),
    actief: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.naam !== undefined || p.actief !== undefined, 'Geef een naam of actief mee.');
export type OnderwerpPatch = z.infer<typeof OnderwerpPatch>;

/** `POST /api/onderwerpen/kennisbank-import` (beheerder): products of the kennisbank not yet in the list. */
export const OnderwerpenImportResponse = z.object({ toegevoegd: z.number().int().nonnegative() });
export type OnderwerpenImportResponse = z.infer<typeof OnderwerpenImportResponse>;

export const NAWERK_NOTITIE_MAX = 2000;

/** `PUT /api/contacts/:contactId/nawerk-notitie`: the agent's wrap-up notes for a contact they handled. */
export const NawerkNotitieInput = z.object({ tekst: z.string().max(NAWERK_NOTITIE_MAX) }).strict();
export type NawerkNotitieInput = z.infer<typeof NawerkNotitieInput>;
export const NawerkNotitie = z.object({ tekst: z.string(), updatedAt: z.string().optional() });
export type NawerkNotitie = z.infer<typeof NawerkNotitie>;
