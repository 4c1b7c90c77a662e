import { z } from 'zod';
import {
  Afdeling,
  AgentState,
  Channel,
  Contact,
  ContactFrom,
  Gespreksresultaat,
  IsoDateTime,
  QueueInfo,
  QueueWaiting,
  User,
} from './domain';

/** Problem JSON (RFC 7807 shape the Dutch API standards use). */
export const InvalidParam = z.object({ name: z.string(), code: z.string(), reason: z.string() });
export const Problem = z.object({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  invalidParams: z.array(InvalidParam).optional(),
});
export type Problem = z.infer<typeof Problem>;

// ---------------------------------------------------------------- auth
export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;
/**
 * `token`: a short access token (Bearer, 15 minutes); `refreshToken` gets the next one from
 * `POST /api/auth/refresh` (rotated on each use) until the session ends (logout, revocation, 12 hours).
 */
export const LoginResponse = z.object({
  token: z.string(),
  /** When `token` expires. */
  expiresAt: IsoDateTime.optional(),
  refreshToken: z.string().optional(),
  user: User.pick({ id: true, name: true, roles: true }),
});
export type LoginResponse = z.infer<typeof LoginResponse>;
/** `POST /api/auth/refresh`: answered with a LoginResponse (a new token and a new refresh token). */
export const RefreshRequest = z.object({ refreshToken: z.string().min(10).max(200) }).strict();
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** `GET /api/auth/config` (public): how the login screen offers login. */
export const AuthConfigResponse = z.object({
  /** "Inloggen met uw organisatieaccount" (the municipality's identity provider, OpenID Connect). */
  oidc: z.boolean(),
  /** The username + password form (local accounts). */
  localLogin: z.boolean(),
});
export type AuthConfigResponse = z.infer<typeof AuthConfigResponse>;
/** Why a login at the identity provider gave no access; the login screen says it in Dutch. */
export const OidcLoginFailure = z.enum([
  'geen-rol',
  'geen-medewerker-id',
  'account-bestaat-lokaal',
  'geweigerd',
  'verlopen',
  'mislukt',
  'niet-beschikbaar',
]);
export type OidcLoginFailure = z.infer<typeof OidcLoginFailure>;
export const OIDC_FAILURE_MESSAGES: Record<OidcLoginFailure, string> = {
  'geen-rol':
    'U heeft geen toegang tot de KCC Werkplek. Uw organisatieaccount heeft geen rol voor de werkplek. Vraag uw leidinggevende om toegang.',
  'geen-medewerker-id':
    'Uw organisatieaccount geeft geen e-mailadres of medewerkernummer door. Neem contact op met de beheerder.',
  'account-bestaat-lokaal':
    'Er bestaat al een lokaal account met dezelfde naam. Neem contact op met de beheerder.',
  geweigerd: 'Inloggen bij uw organisatie is afgebroken. Probeer het opnieuw.',
  verlopen: 'Het inloggen duurde te lang of is al gebruikt. Probeer het opnieuw.',
  mislukt: 'Inloggen met uw organisatieaccount is mislukt. Probeer het opnieuw.',
  'niet-beschikbaar': 'Inloggen met uw organisatieaccount kan nu niet. Probeer het later opnieuw.',
};
/** `POST /api/auth/oidc/session`: the one-time code of the redirect back; answered with a LoginResponse. */
export const OidcSessionRequest = z.object({ code: z.string().min(20).max(100) }).strict();
export type OidcSessionRequest = z.infer<typeof OidcSessionRequest>;
/**
 * `POST /api/auth/oidc/desktop/start` (desktop shell, RFC 8252): the shell's loopback redirect URI and its PKCE
 * challenge; answered with the authorization URL to open in the system browser.
 */
export const DesktopOidcStartRequest = z
  .object({
    redirectUri: z
      .string()
      .regex(/^http:\/\/127\.0\.0\.1:\d{1,5}\/callback$/, 'http://127.0.0.1:<poort>/callback'),
    codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'S256-challenge (base64url)'),
  })
  .strict();
export type DesktopOidcStartRequest = z.infer<typeof DesktopOidcStartRequest>;
export const DesktopOidcStartResponse = z.object({ authorizationUrl: z.string() });
export type DesktopOidcStartResponse = z.infer<typeof DesktopOidcStartResponse>;
/** `POST /api/auth/oidc/desktop/finish`: the query the loopback received and the shell's PKCE verifier. */
export const DesktopOidcFinishRequest = z
  .object({
    callbackQuery: z.string().min(1).max(4000),
    codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'PKCE-verifier'),
  })
  .strict();
export type DesktopOidcFinishRequest = z.infer<typeof DesktopOidcFinishRequest>;
/** `POST /api/auth/logout` of a session from the identity provider: where to end the provider's session too. */
export const LogoutResponse = z.object({ endSessionUrl: z.string().optional() });
export type LogoutResponse = z.infer<typeof LogoutResponse>;

// ---------------------------------------------------------------- inbound (channel webhooks)
export const InboundRequest = z
  .object({
    channel: Channel,
    externalId: z.string().trim().min(1).max(200),
    from: ContactFrom,
    queue: z.string().trim().min(1).max(100).optional(),
    subject: z.string().trim().max(200).optional(),
    body: z.string().max(100_000).optional(),
    dueAt: IsoDateTime.optional(),
  })
  .strict();
export type InboundRequest = z.infer<typeof InboundRequest>;
export const InboundResponse = z.object({ contactId: z.string() });
export type InboundResponse = z.infer<typeof InboundResponse>;

// ---------------------------------------------------------------- registration
const UuidRef = z.object({ uuid: z.uuid() });

export const RegistrationRequest = z
  .object({
    onderwerp: z.string().trim().min(1).max(200),
    /**
     * Extension (issue 14 §7): the id of the onderwerp picked from the managed list (GET /api/onderwerpen); left out
     * for free text. The server then registers the list's current name as `onderwerp`.
     */
    onderwerpId: z.uuid().optional(),
    /** The question as the resident asked it (Klantcontact.inhoud). */
    inhoud: z.string().max(1000).optional(),
    /** The answer or note of the agent (Klantcontact.reactie). Extension to CONTRACT. */
    reactie: z.string().max(4000).optional(),
    /** Defaults to the contact's channel. */
    kanaal: z.string().trim().min(1).max(50).optional(),
    /** Code of an active gespreksresultaat (GET /api/gespreksresultaten). */
    gespreksresultaat: z.string().trim().min(1).max(100),
    partij: UuidRef.optional(),
    zaak: UuidRef.optional(),
    interneTaak: z
      .object({
        gevraagdeHandeling: z.string().trim().min(1).max(200),
        toelichting: z.string().max(1000).optional(),
        /** An afdeling (actor of soort organisatorische_eenheid) or a colleague actor. */
        actor: UuidRef.optional(),
      })
      .optional(),
    /**
     * Extension (kanaalsturing): the product the question was about, its primary channel from the kanalenmatrix,
     * and whether the agent pointed the resident to it. Feeds the KPI "share served through the primary channel".
     */
    kanaalsturing: z
      .object({
        product: z.string().trim().min(1).max(200),
        primairKanaal: z.string().trim().min(1).max(100),
        gewezenOpPrimairKanaal: z.boolean(),
      })
      .strict()
      .optional(),
    /** Extension: kennisbank articles consulted for the answer ("Gebruik in antwoord"). */
    bronnen: z
      .array(z.object({ id: z.string().min(1).max(200), title: z.string().max(300) }).strict())
      .max(20)
      .optional(),
    /**
     * Extension: `false` registers one question and keeps the contact open for the next
     * (a contact may yield several klantcontacten). Default `true`: the contact closes and nawerk starts.
     */
    afronden: z.boolean().optional(),
    /**
     * Extension: close the contact although an e-mail reply did not go out (the medewerker chose so). Without it,
     * closing such a contact is refused with 409 and invalidParams code `reply_not_sent`.
     */
    afrondenOndanksNietVerstuurd: z.boolean().optional(),
  })
  .strict();
export type RegistrationRequest = z.infer<typeof RegistrationRequest>;

const Ref = z.object({ uuid: z.uuid(), url: z.string() });
export const RegistrationResponse = z.object({
  klantcontact: Ref,
  interneTaak: Ref.optional(),
});
export type RegistrationResponse = z.infer<typeof RegistrationResponse>;

// ---------------------------------------------------------------- workplace reads
export const MeResponse = z.object({
  user: User,
  state: AgentState,
  queues: z.array(QueueInfo),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const OfferView = z.object({
  offerId: z.string(),
  contact: Contact.pick({ id: true, channel: true, queue: true, subject: true, from: true, createdAt: true }),
  expiresAt: IsoDateTime,
});
export type OfferView = z.infer<typeof OfferView>;

export const MyContactsResponse = z.object({ items: z.array(Contact) });
export type MyContactsResponse = z.infer<typeof MyContactsResponse>;
export const MyOffersResponse = z.object({ items: z.array(OfferView) });
export type MyOffersResponse = z.infer<typeof MyOffersResponse>;
export const QueueWaitingResponse = z.object({ items: z.array(QueueWaiting) });
export type QueueWaitingResponse = z.infer<typeof QueueWaitingResponse>;
export const GespreksresultatenResponse = z.object({ items: z.array(Gespreksresultaat) });
export type GespreksresultatenResponse = z.infer<typeof GespreksresultatenResponse>;
export const AfdelingenResponse = z.object({ items: z.array(Afdeling) });
export type AfdelingenResponse = z.infer<typeof AfdelingenResponse>;

/** A partij as the klantbeeld panel shows it (a view over the Klantinteracties store). */
export const PartijView = z.object({
  uuid: z.uuid(),
  soortPartij: z.enum(['persoon', 'organisatie', 'contactpersoon']),
  naam: z.string(),
  bsn: z.string().optional(),
  kvkNummer: z.string().optional(),
  digitaleAdressen: z.array(
    z.object({
      uuid: z.uuid(),
      soortDigitaalAdres: z.enum(['email', 'telefoonnummer', 'overig']),
      adres: z.string(),
      isStandaardAdres: z.boolean(),
    }),
  ),
  /**
   * Extension (issue 14 §8): what tells two persons apart in a search or among kandidaten, from the BRP, read for
   * the search's purpose. Year of birth, street and woonplaats only: the full birth date, postcode and house number
   * are the verification questions and stay unknown to the medewerker until the resident answers them.
   */
  onderscheid: z
    .object({
      geboortejaar: z.number().int().optional(),
      straat: z.string().optional(),
      woonplaats: z.string().optional(),
    })
    .optional(),
});
export type PartijView = z.infer<typeof PartijView>;

export const KlantcontactView = z.object({
  uuid: z.uuid(),
  kanaal: z.string(),
  onderwerp: z.string(),
  inhoud: z.string(),
  reactie: z.string().optional(),
  plaatsgevondenOp: IsoDateTime,
  gespreksresultaat: z.string().optional(),
  medewerker: z.string().optional(),
  /** The KCC contact this workplace registered it from (not for klantcontacten made elsewhere). */
  kccContactId: z.string().optional(),
  /** The agent's nawerk notes on that contact (issue 14 §7). */
  nawerkNotitie: z.string().optional(),
  /**
   * Only with Open Klant as klantregister: a registration of this workplace that is not (yet) in Open Klant.
   * `wachtend`: the outbox still forwards it; `mislukt`: forwarding stopped, a beheerder can retry it.
   */
  doorsturen: z.enum(['wachtend', 'mislukt']).optional(),
});
export type KlantcontactView = z.infer<typeof KlantcontactView>;

export const InterneTaakView = z.object({
  uuid: z.uuid(),
  gevraagdeHandeling: z.string(),
  toelichting: z.string().optional(),
  status: z.enum(['te_verwerken', 'verwerkt']),
  toegewezenOp: IsoDateTime,
  toegewezenAan: z.array(z.string()),
  klantcontact: z.object({ uuid: z.uuid(), onderwerp: z.string(), kanaal: z.string() }),
  partij: z.object({ uuid: z.uuid(), naam: z.string() }).optional(),
});
export type InterneTaakView = z.infer<typeof InterneTaakView>;

/**
 * GET /api/contacts/{id}/klantbeeld — the recognised resident for the contact a medewerker holds.
 * Reading it is logged with the contact as purpose.
 */
export const KlantbeeldResponse = z.object({
  /** How the partij was found: by phone, e-mail or BSN of the contact, linked by the agent, or not at all. */
  herkenning: z.enum(['telefoon', 'email', 'bsn', 'gekoppeld', 'onbekend']),
  partij: PartijView.optional(),
  /** Other partijen that matched the same number or address (the agent picks one). */
  kandidaten: z.array(PartijView),
  klantcontacten: z.array(KlantcontactView),
  openInterneTaken: z.array(InterneTaakView),
  /** Set when the klantregister (Open Klant) could not be asked: recognition did not run. */
  storing: z.string().optional(),
});
export type KlantbeeldResponse = z.infer<typeof KlantbeeldResponse>;

/** GET /api/partijen?q= — find a partij to link an unknown caller to. */
export const PartijSearchResponse = z.object({
  items: z.array(PartijView),
  /** Why the search could not look the way it was asked (e.g. Open Klant cannot search by name). */
  melding: z.string().optional(),
});
export type PartijSearchResponse = z.infer<typeof PartijSearchResponse>;

/** POST /api/contacts/{id}/partij — link an existing partij, or create a new persoon and link it. */
export const LinkPartijRequest = z.union([
  z.object({ uuid: z.uuid() }).strict(),
  z
    .object({
      nieuw: z
        .object({
          voornaam: z.string().trim().max(200).optional(),
          voorvoegselAchternaam: z.string().trim().max(10).optional(),
          achternaam: z.string().trim().min(1).max(200),
          telefoonnummer: z.string().trim().max(40).optional(),
          email: z.email().max(80).optional(),
          bsn: z
            .string()
            .regex(/^[0-9]{9}$/)
            .optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type LinkPartijRequest = z.infer<typeof LinkPartijRequest>;
export const LinkPartijResponse = z.object({ partij: PartijView });
export type LinkPartijResponse = z.infer<typeof LinkPartijResponse>;

/** REST paths used by the workplace, in one place. */
export const apiPaths = {
  health: '/health',
  login: '/api/auth/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  authConfig: '/api/auth/config',
  oidcLogin: '/api/auth/oidc/login',
  oidcSession: '/api/auth/oidc/session',
  oidcDesktopStart: '/api/auth/oidc/desktop/start',
  oidcDesktopFinish: '/api/auth/oidc/desktop/finish',
  me: '/api/me',
  myContacts: '/api/me/contacts',
  myOffers: '/api/me/offers',
  queueWaiting: '/api/queues/waiting',
  gespreksresultaten: '/api/gespreksresultaten',
  afdelingen: '/api/afdelingen',
  partijSearch: '/api/partijen',
  inbound: '/api/inbound',
  contact: (id: string) => `/api/contacts/${encodeURIComponent(id)}`,
  klantbeeld: (id: string) => `/api/contacts/${encodeURIComponent(id)}/klantbeeld`,
  linkPartij: (id: string) => `/api/contacts/${encodeURIComponent(id)}/partij`,
  registration: (id: string) => `/api/contacts/${encodeURIComponent(id)}/registration`,
} as const;
