/** Who an interne taak goes to in Open Klant: a medewerker (by username) or an afdeling (by name). */
export type Toewijzing =
  | { soortActor: 'medewerker'; naam: string; gebruikersnaam: string }
  | { soortActor: 'organisatorische_eenheid'; naam: string };

/** What is forwarded: the klantcontact and its parts, with references Open Klant can resolve. */
export interface OutboxRegistratie {
  klantcontact: {
    kanaal: string;
    onderwerp: string;
    /** The UPL uri of an onderwerp from the managed list (Klantinteracties 0.9.0+; older versions ignore it). */
    hoofdOnderwerpType?: string;
    inhoud?: string;
    reactie?: string;
    taal: string;
    vertrouwelijk: boolean;
    plaatsgevondenOp: string;
    metadata?: Record<string, string>;
  };
  /** The partij in Open Klant: with Open Klant configured, contacts are linked to Open Klant partijen. */
  partijUuid?: string;
  /** Digitale adressen the caller gave in this contact, stored on the betrokkene. */
  digitaleAdressen: { adres: string; soortDigitaalAdres: 'telefoonnummer' | 'email' }[];
  medewerker: { username: string; naam: string };
  zaakUuid?: string;
  interneTaak?: { gevraagdeHandeling: string; toelichting?: string; toegewezenAan: Toewijzing };
  /** The contact's transcript (chat, e-mail thread, web form) as a Bijlage: objectId = the KCC contact id. */
  bijlage?: { objectId: string };
  /** The same registration in the embedded store (its uuids), shown in the klantbeeld until it is in Open Klant. */
  lokaal: { klantcontactUuid: string; interneTaakUuid?: string };
}

/** The remote uuid of every finished step (null: a step with nothing to do). */
export type OutboxSteps = Partial<{
  klantcontact: string;
  betrokkene: string | null;
  actor: string;
  actorklantcontact: string;
  digitaleAdressen: string[];
  onderwerpobject: string | null;
  bijlage: string | null;
  taakActor: string | null;
  interneTaak: string | null;
}>;

export type OutboxState = 'wachtend' | 'verstuurd' | 'gecompenseerd' | 'mislukt';

export interface OutboxRow {
  id: string;
  referentienummer: string;
  state: OutboxState;
  attempts: number;
  steps: OutboxSteps;
  lastError?: string;
}

/** A registration not (yet) in Open Klant, for the klantbeeld of its partij. */
export interface PendingRegistratie {
  registratie: OutboxRegistratie;
  state: Exclude<OutboxState, 'verstuurd'>;
  /** The klantcontact in Open Klant, once the first step created it. */
  remoteKlantcontactUuid?: string;
}

/** What a beheerder sees of the outbox: no personal data, only states, references and errors. */
export interface OutboxOverzicht {
  aantallen: Record<OutboxState, number>;
  /** Creation time of the oldest registration still waiting (ISO), when there is one. */
  oudsteWachtendSinds?: string;
  /** Registrations not forwarded (waiting, failed or compensated), newest first. */
  items: {
    id: string;
    referentienummer: string;
    state: Exclude<OutboxState, 'verstuurd'>;
    attempts: number;
    lastError?: string;
    aangemaaktOp: string;
    volgendePogingOp?: string;
  }[];
}
