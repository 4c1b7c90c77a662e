import { z } from 'zod';
import { parseApiDateTime } from './datetime';
import { KiValidationError, zodIssuesToInvalidParams } from './errors';

/**
 * Request bodies of the Klantinteracties-compatible API, derived by hand from klantinteracties-v1.yaml (0.9.0):
 * write-required fields, maxLengths, patterns and enums. As in Open Klant (Django REST framework), unknown and
 * read-only fields (`uuid`, `url`, reverse relations) are ignored rather than refused.
 */

const str = (max: number) => z.string().max(max);
/** Writing a reference: `{uuid}`; the readOnly `url` may be sent back and is ignored. */
export const ForeignKey = z.object({ uuid: z.uuid() });
export type ForeignKey = z.infer<typeof ForeignKey>;

export const SOORT_PARTIJ = ['persoon', 'organisatie', 'contactpersoon'] as const;
export const SOORT_DIGITAAL_ADRES = ['email', 'telefoonnummer', 'overig'] as const;
export const SOORT_ACTOR = ['medewerker', 'geautomatiseerde_actor', 'organisatorische_eenheid'] as const;
export const ROL = ['klant', 'vertegenwoordiger'] as const;
export const INTERNE_TAAK_STATUS = ['te_verwerken', 'verwerkt'] as const;
export const CODE_OBJECTTYPE = ['natuurlijk_persoon', 'niet_natuurlijk_persoon', 'vestiging'] as const;
export const CODE_SOORT_OBJECT_ID = ['bsn', 'vestigingsnummer', 'kvk_nummer', 'rsin'] as const;
export const CODE_REGISTER = ['brp', 'hr'] as const;

/** A datetime as DRF accepts it (ISO 8601, zone optional: Amsterdam time), normalised to UTC ISO. */
const apiDateTime = z
  .string()
  .refine((v) => parseApiDateTime(v) !== undefined, {
    message: 'Datetime heeft een ongeldig formaat.',
    params: { code: 'invalid' },
  })
  .transform((v) => parseApiDateTime(v)!.toISOString());
/** Deprecated `nummer` fields: digits only, at most 10 (Open Klant's validate_integer). */
const nummer = z
  .string()
  .max(10)
  .regex(/^[0-9]*$/, 'Voer een getal in.')
  .nullable()
  .optional();

const PHONE_PATTERN = /^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$/;
/** Optional text: '' is allowed (Django `blank=True`) and stored as absent. */
const optionalPattern = (re: RegExp, max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => v === '' || re.test(v), { message: 'Ongeldige waarde.', params: { code: 'invalid' } })
    .optional();

export const Contactnaam = z.object({
  voorletters: str(10).optional(),
  voornaam: str(200).optional(),
  voorvoegselAchternaam: str(10).optional(),
  achternaam: str(200).optional(),
});
export type Contactnaam = z.infer<typeof Contactnaam>;

export const Adres = z.object({
  nummeraanduidingId: optionalPattern(/^[0-9]{16}$/, 16),
  straatnaam: str(255).optional(),
  huisnummer: z.number().int().min(1).max(99999).nullable().optional(),
  huisnummertoevoeging: str(20).optional(),
  postcode: optionalPattern(/^[1-9][0-9]{3} [A-Z]{2}$/, 7),
  stad: str(255).optional(),
  adresregel1: str(80).optional(),
  adresregel2: str(80).optional(),
  adresregel3: str(80).optional(),
  land: optionalPattern(/^[A-Z]{2}$/, 2),
});
export type Adres = z.infer<typeof Adres>;

// ---------------------------------------------------------------- partijen
export const PartijIdentificatorGroep = z.object({
  codeObjecttype: z.enum(CODE_OBJECTTYPE),
  codeSoortObjectId: z.enum(CODE_SOORT_OBJECT_ID),
  objectId: str(200),
  codeRegister: z.enum(CODE_REGISTER),
});
export type PartijIdentificatorGroep = z.infer<typeof PartijIdentificatorGroep>;

export const NestedPartijIdentificator = z.object({
  uuid: z.uuid().optional(),
  /** Set by the server; Open Klant refuses it on a nested identificator. */
  identificeerdePartij: z.unknown().optional(),
  anderePartijIdentificator: str(200).optional(),
  partijIdentificator: PartijIdentificatorGroep,
  subIdentificatorVan: ForeignKey.nullable().optional(),
});
export type NestedPartijIdentificator = z.infer<typeof NestedPartijIdentificator>;

export const PartijBase = z.object({
  nummer,
  soortPartij: z.enum(SOORT_PARTIJ),
  indicatieActief: z.boolean(),
  indicatieGeheimhouding: z.boolean().nullable().optional(),
  voorkeurstaal: str(3).optional(),
  interneNotitie: str(1000).optional(),
  digitaleAdressen: z.array(ForeignKey).nullable().optional(),
  voorkeursDigitaalAdres: ForeignKey.nullable().optional(),
  rekeningnummers: z.array(ForeignKey).nullable().optional(),
  voorkeursRekeningnummer: ForeignKey.nullable().optional(),
  partijIdentificatoren: z.array(NestedPartijIdentificator).nullable().optional(),
  bezoekadres: Adres.nullable().optional(),
  correspondentieadres: Adres.nullable().optional(),
  partijIdentificatie: z.unknown().optional(),
});

export const PersoonIdentificatie = z.object({ contactnaam: Contactnaam.nullable().optional() });
export const OrganisatieIdentificatie = z.object({ naam: str(200).optional() });
export const ContactpersoonIdentificatie = z.object({
  werkteVoorPartij: ForeignKey.nullable().optional(),
  contactnaam: Contactnaam.nullable().optional(),
});

export type PartijIdentificatieInput =
  | { soortPartij: 'persoon'; identificatie: z.infer<typeof PersoonIdentificatie> }
  | { soortPartij: 'organisatie'; identificatie: z.infer<typeof OrganisatieIdentificatie> }
  | { soortPartij: 'contactpersoon'; identificatie: z.infer<typeof ContactpersoonIdentificatie> };

export type PartijInput = Omit<z.infer<typeof PartijBase>, 'partijIdentificatie'> & {
  partijIdentificatie: PartijIdentificatieInput;
};
export type PartijPatch = Partial<Omit<PartijInput, 'partijIdentificatie'>> & {
  partijIdentificatie?: PartijIdentificatieInput;
};

/** PATCH: every field optional; `partijIdentificatie` is read by the partij's own soort when it is not sent. */
export function parsePartijPatch(body: unknown, currentSoort: PartijInput['soortPartij']): PartijPatch {
  const base = parse(PartijBase.partial(), body ?? {});
  if (base.partijIdentificatie === undefined) {
    const { partijIdentificatie: _ignored, ...rest } = base;
    return rest;
  }
  const full = parsePartij({ ...base, soortPartij: base.soortPartij ?? currentSoort, indicatieActief: true });
  return { ...base, partijIdentificatie: full.partijIdentificatie };
}

export function parsePartij(body: unknown): PartijInput {
  const base = parse(PartijBase, body);
  const raw = base.partijIdentificatie ?? {};
  let partijIdentificatie: PartijIdentificatieInput;
  if (base.soortPartij === 'persoon') {
    partijIdentificatie = {
      soortPartij: 'persoon',
      identificatie: parse(PersoonIdentificatie, raw, 'partijIdentificatie'),
    };
  } else if (base.soortPartij === 'organisatie') {
    partijIdentificatie = {
      soortPartij: 'organisatie',
      identificatie: parse(OrganisatieIdentificatie, raw, 'partijIdentificatie'),
    };
  } else {
    partijIdentificatie = {
      soortPartij: 'contactpersoon',
      identificatie: parse(ContactpersoonIdentificatie, raw, 'partijIdentificatie'),
    };
  }
  return { ...base, partijIdentificatie };
}

// ---------------------------------------------------------------- digitale adressen
export const DigitaalAdresInput = z.object({
  verstrektDoorBetrokkene: ForeignKey.nullable().optional(),
  verstrektDoorPartij: ForeignKey.nullable().optional(),
  adres: str(80),
  soortDigitaalAdres: z.enum(SOORT_DIGITAAL_ADRES),
  isStandaardAdres: z.boolean().optional(),
  omschrijving: str(40).optional(),
  referentie: optionalPattern(/^[-a-zA-Z0-9_]+$/, 50),
  verificatieDatum: z.iso.date().nullable().optional(),
});
export type DigitaalAdresInput = z.infer<typeof DigitaalAdresInput>;
export const PatchedDigitaalAdresInput = DigitaalAdresInput.partial();
export type PatchedDigitaalAdresInput = z.infer<typeof PatchedDigitaalAdresInput>;

// ---------------------------------------------------------------- klantcontacten
export const KlantcontactInput = z.object({
  nummer,
  referentienummer: str(10).nullable().optional(),
  kanaal: str(50).min(1),
  onderwerp: str(200).min(1),
  inhoud: str(1000).optional(),
  reactie: str(4000).optional(),
  indicatieContactGelukt: z.boolean().nullable().optional(),
  hoofdOnderwerpType: z.union([z.literal(''), z.url().max(200)]).optional(),
  verdereActieOndernomen: z.boolean().optional(),
  taal: str(3).min(1),
  vertrouwelijk: z.boolean(),
  plaatsgevondenOp: apiDateTime.optional(),
  metadata: z.record(z.string().max(200), z.string().max(255)).optional(),
});
export type KlantcontactInput = z.infer<typeof KlantcontactInput>;
export const PatchedKlantcontactInput = KlantcontactInput.partial();
export type PatchedKlantcontactInput = z.infer<typeof PatchedKlantcontactInput>;

const BetrokkeneFields = {
  wasPartij: ForeignKey.nullable().optional(),
  bezoekadres: Adres.nullable().optional(),
  correspondentieadres: Adres.nullable().optional(),
  contactnaam: Contactnaam.nullable().optional(),
  rol: z.enum(ROL),
  organisatienaam: str(200).optional(),
  initiator: z.boolean(),
};
export const BetrokkeneInput = z.object({ hadKlantcontact: ForeignKey, ...BetrokkeneFields });
export type BetrokkeneInput = z.infer<typeof BetrokkeneInput>;
export const PatchedBetrokkeneInput = BetrokkeneInput.partial();
export type PatchedBetrokkeneInput = z.infer<typeof PatchedBetrokkeneInput>;
/** In /maak-klantcontact `hadKlantcontact` is readOnly: the server fills it. */
export const MaakBetrokkeneInput = z.object(BetrokkeneFields);
export type MaakBetrokkeneInput = z.infer<typeof MaakBetrokkeneInput>;

export const Onderwerpobjectidentificator = z.object({
  objectId: str(200).optional(),
  codeObjecttype: str(200).optional(),
  codeRegister: str(200).optional(),
  codeSoortObjectId: str(200).optional(),
});
export type Onderwerpobjectidentificator = z.infer<typeof Onderwerpobjectidentificator>;

export const OnderwerpobjectInput = z.object({
  klantcontact: ForeignKey.nullable().optional(),
  wasKlantcontact: ForeignKey.nullable().optional(),
  onderwerpobjectidentificator: Onderwerpobjectidentificator.nullable().optional(),
});
export type OnderwerpobjectInput = z.infer<typeof OnderwerpobjectInput>;
export const MaakOnderwerpobjectInput = OnderwerpobjectInput.omit({ klantcontact: true });

/** As in Open Klant, `betrokkene` and `onderwerpobject` may be left out but not be null. */
export const MaakKlantcontactInput = z.object({
  klantcontact: KlantcontactInput,
  betrokkene: MaakBetrokkeneInput.optional(),
  onderwerpobject: MaakOnderwerpobjectInput.optional(),
});
export type MaakKlantcontactInput = z.infer<typeof MaakKlantcontactInput>;

// ---------------------------------------------------------------- bijlagen
export const BijlageIdentificator = z.object({
  objectId: str(200).optional(),
  codeObjecttype: str(200).optional(),
  codeRegister: str(200).optional(),
  codeSoortObjectId: str(200).optional(),
});
export type BijlageIdentificator = z.infer<typeof BijlageIdentificator>;

/** `Bijlage` has no write-required fields: POST, PUT and PATCH accept the same body. */
export const BijlageInput = z.object({
  wasBijlageVanKlantcontact: ForeignKey.nullable().optional(),
  bijlageidentificator: BijlageIdentificator.nullable().optional(),
});
export type BijlageInput = z.infer<typeof BijlageInput>;

// ---------------------------------------------------------------- actoren
export const Actoridentificator = z.object({
  objectId: str(200).optional(),
  codeObjecttype: str(200).optional(),
  codeRegister: str(200).optional(),
  codeSoortObjectId: str(200).optional(),
});
export type Actoridentificator = z.infer<typeof Actoridentificator>;

export const ActorBase = z.object({
  naam: str(200).min(1),
  soortActor: z.enum(SOORT_ACTOR),
  indicatieActief: z.boolean().optional(),
  actoridentificator: Actoridentificator.nullable().optional(),
  actorIdentificatie: z.unknown().optional(),
});

const phone = z.string().max(20).regex(PHONE_PATTERN, 'Ongeldig telefoonnummer.');
export const MedewerkerIdentificatie = z.object({
  functie: str(40),
  emailadres: z.union([z.literal(''), z.email().max(254)]).optional(),
  telefoonnummer: phone,
});
export const GeautomatiseerdeActorIdentificatie = z.object({
  functie: str(40),
  omschrijving: str(200).optional(),
});
export const OrganisatorischeEenheidIdentificatie = z.object({
  omschrijving: str(200).optional(),
  emailadres: z.union([z.literal(''), z.email().max(254)]).optional(),
  faxnummer: str(20).optional(),
  telefoonnummer: z.union([z.literal(''), phone]).optional(),
});

export type ActorIdentificatieInput =
  | z.infer<typeof MedewerkerIdentificatie>
  | z.infer<typeof GeautomatiseerdeActorIdentificatie>
  | z.infer<typeof OrganisatorischeEenheidIdentificatie>;
export type ActorInput = Omit<z.infer<typeof ActorBase>, 'actorIdentificatie'> & {
  actorIdentificatie?: ActorIdentificatieInput;
};

export type ActorPatch = Partial<ActorInput>;
/** PATCH: `actorIdentificatie` is read by the new or the current soortActor. */
export function parseActorPatch(body: unknown, currentSoort: ActorInput['soortActor']): ActorPatch {
  const base = parse(ActorBase.partial(), body ?? {});
  if (base.actorIdentificatie === undefined) {
    const { actorIdentificatie: _ignored, ...rest } = base;
    return rest;
  }
  const full = parseActor({ naam: 'x', ...base, soortActor: base.soortActor ?? currentSoort });
  return { ...base, actorIdentificatie: full.actorIdentificatie };
}

export function parseActor(body: unknown): ActorInput {
  const base = parse(ActorBase, body);
  const raw = base.actorIdentificatie;
  if (raw === undefined || raw === null) return { ...base, actorIdentificatie: undefined };
  const schema =
    base.soortActor === 'medewerker'
      ? MedewerkerIdentificatie
      : base.soortActor === 'geautomatiseerde_actor'
        ? GeautomatiseerdeActorIdentificatie
        : OrganisatorischeEenheidIdentificatie;
  return { ...base, actorIdentificatie: parse(schema, raw, 'actorIdentificatie') };
}

export const ActorKlantcontactInput = z.object({ actor: ForeignKey, klantcontact: ForeignKey });
export type ActorKlantcontactInput = z.infer<typeof ActorKlantcontactInput>;
export const PatchedActorKlantcontactInput = ActorKlantcontactInput.partial();
export type PatchedActorKlantcontactInput = z.infer<typeof PatchedActorKlantcontactInput>;

// ---------------------------------------------------------------- interne taken
export const InterneTaakInput = z.object({
  nummer,
  referentienummer: str(10).nullable().optional(),
  gevraagdeHandeling: str(200).min(1),
  aanleidinggevendKlantcontact: ForeignKey,
  toegewezenAanActor: ForeignKey.optional(),
  toegewezenAanActoren: z.array(ForeignKey).optional(),
  toelichting: str(1000).optional(),
  status: z.enum(INTERNE_TAAK_STATUS),
  afgehandeldOp: apiDateTime.nullable().optional(),
});
export type InterneTaakInput = z.infer<typeof InterneTaakInput>;
export const PatchedInterneTaakInput = InterneTaakInput.partial();
export type PatchedInterneTaakInput = z.infer<typeof PatchedInterneTaakInput>;

// ---------------------------------------------------------------- partij-identificatoren
export const PartijIdentificatorInput = z.object({
  uuid: z.uuid().optional(),
  identificeerdePartij: ForeignKey.nullable().optional(),
  anderePartijIdentificator: str(200).optional(),
  partijIdentificator: PartijIdentificatorGroep,
  subIdentificatorVan: ForeignKey.nullable().optional(),
});
export type PartijIdentificatorInput = z.infer<typeof PartijIdentificatorInput>;
export const PatchedPartijIdentificatorInput = PartijIdentificatorInput.partial();
export type PatchedPartijIdentificatorInput = z.infer<typeof PatchedPartijIdentificatorInput>;

// ---------------------------------------------------------------- rekeningnummers, categorieën, vertegenwoordigingen
export const RekeningnummerInput = z.object({
  partij: ForeignKey.nullable().optional(),
  iban: str(34).regex(/^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$/, 'Voer een geldig IBAN in.'),
  bic: z.string().min(8).max(11).regex(/^\S+$/, 'Voer een geldige BIC in.').optional(),
});
export type RekeningnummerInput = z.infer<typeof RekeningnummerInput>;
export const PatchedRekeningnummerInput = RekeningnummerInput.partial();

export const CategorieInput = z.object({ naam: str(80).optional() });
export type CategorieInput = z.infer<typeof CategorieInput>;

export const CategorieRelatieInput = z.object({
  partij: ForeignKey.nullable().optional(),
  categorie: ForeignKey.nullable().optional(),
  beginDatum: z.iso.date().nullable().optional(),
  eindDatum: z.iso.date().nullable().optional(),
});
export type CategorieRelatieInput = z.infer<typeof CategorieRelatieInput>;

export const VertegenwoordigingInput = z.object({
  vertegenwoordigendePartij: ForeignKey,
  vertegenwoordigdePartij: ForeignKey,
});
export type VertegenwoordigingInput = z.infer<typeof VertegenwoordigingInput>;
export const PatchedVertegenwoordigingInput = VertegenwoordigingInput.partial();
export type PatchedVertegenwoordigingInput = z.infer<typeof PatchedVertegenwoordigingInput>;

/** Parse with a zod schema or throw a KiValidationError (400) naming the fields. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new KiValidationError(zodIssuesToInvalidParams(result.error, prefix));
  return result.data;
}
