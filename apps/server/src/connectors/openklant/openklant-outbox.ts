import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RegistrationResponse } from '@kcc/contracts/rest';
import { canonicalPhone } from '../../modules/klantinteracties/phone';
import {
  transcriptBijlage,
  type KlantinteractiesPort,
  type RegisterInput,
} from '../../modules/klantinteracties/ports';
import type { Migration } from '../../store/migration';
import { ConnectorError } from '../errors';
import type { HttpClient } from '../http-client';
import type { Paginated } from './openklant-client';

export const openKlantOutboxMigrations: Migration[] = [
  {
    id: 'connectors/001_openklant_outbox',
    sql: `
      -- Registrations waiting to be forwarded to Open Klant. Written in the same transaction as the local
      -- registration, so none is lost; \`steps\` keeps the remote uuid of every finished step, so a retry resumes.
      CREATE TABLE openklant_outbox (
        id TEXT PRIMARY KEY,
        referentienummer TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        steps TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL CHECK (state IN ('wachtend', 'verstuurd', 'gecompenseerd', 'mislukt')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX openklant_outbox_due ON openklant_outbox (state, next_attempt_at);
    `,
  },
  {
    id: 'connectors/002_openklant_outbox_partij',
    sql: `
      -- The Open Klant partij of a registration: the klantbeeld shows registrations not yet in Open Klant.
      ALTER TABLE openklant_outbox ADD COLUMN partij_uuid TEXT;
      CREATE INDEX openklant_outbox_partij ON openklant_outbox (partij_uuid, state);
    `,
  },
];

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

type Steps = Partial<{
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
  steps: Steps;
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

export interface OutboxOptions {
  now?: () => number;
  maxAttempts?: number;
  backoffMs?: number;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

interface Row {
  id: string;
  referentienummer: string;
  payload: string;
  steps: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

/** 10 characters (Klantcontact.referentienummer has maxLength 10), unique per registration. */
function newReferentienummer(): string {
  return `KCC${randomBytes(5).toString('hex').slice(0, 7).toUpperCase()}`;
}

/**
 * Transactional outbox to Open Klant. `enqueue` runs inside the caller's SQLite transaction. `processDue`
 * forwards due registrations step by step: klantcontact (found again by its referentienummer, so a retry
 * never duplicates it), betrokkene, actorklantcontact, digitale adressen, onderwerpobject (zaak), bijlage
 * (transcript), interne taak.
 * Each step's remote uuid is stored as soon as it succeeds, so a retry resumes where it stopped. Retryable
 * failures back off exponentially; a permanent failure (a 4xx, or too many attempts) compensates by deleting
 * the remote klantcontact, so Open Klant never keeps half a registration.
 */
export class OpenKlantOutbox {
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly http: HttpClient,
    private readonly options: OutboxOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoffMs = options.backoffMs ?? 2000;
  }

  enqueue(registratie: OutboxRegistratie): OutboxRow {
    const id = randomUUID();
    const referentienummer = newReferentienummer();
    const t = this.now();
    this.db
      .prepare(
        `INSERT INTO openklant_outbox (id, referentienummer, payload, partij_uuid, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'wachtend', ?, ?, ?)`,
      )
      .run(id, referentienummer, JSON.stringify(registratie), registratie.partijUuid ?? null, t, t, t);
    // Forward soon after the caller's transaction commits, instead of at the next interval.
    if (this.timer) setTimeout(() => this.runOnce(), 50).unref();
    return { id, referentienummer, state: 'wachtend', attempts: 0, steps: {} };
  }

  get(id: string): OutboxRow | undefined {
    const r = this.db.prepare('SELECT * FROM openklant_outbox WHERE id = ?').get(id) as Row | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      referentienummer: r.referentienummer,
      state: r.state,
      attempts: r.attempts,
      steps: JSON.parse(r.steps) as Steps,
      ...(r.last_error ? { lastError: r.last_error } : {}),
    };
  }

  /** Registrations about this Open Klant partij that are not in Open Klant (yet), newest first. */
  pendingFor(partijUuid: string): PendingRegistratie[] {
    const rows = this.db
      .prepare(
        `SELECT payload, state, steps FROM openklant_outbox WHERE partij_uuid = ? AND state != 'verstuurd' ORDER BY created_at DESC`,
      )
      .all(partijUuid) as { payload: string; state: PendingRegistratie['state']; steps: string }[];
    return rows.map((r) => {
      const remote = (JSON.parse(r.steps) as Steps).klantcontact;
      return {
        registratie: JSON.parse(r.payload) as OutboxRegistratie,
        state: r.state,
        ...(remote && r.state === 'wachtend' ? { remoteKlantcontactUuid: remote } : {}),
      };
    });
  }

  /**
   * Add the transcript bijlage to the waiting registration of this local klantcontact. Runs inside the
   * registration transaction (right after `enqueue`), so the worker never sees the registration without it.
   * Returns false when no waiting registration has this klantcontact.
   */
  attachBijlage(lokaalKlantcontactUuid: string, bijlage: { objectId: string }): boolean {
    const rows = this.db
      .prepare(
        `SELECT id, payload FROM openklant_outbox
           WHERE state = 'wachtend' AND json_extract(payload, '$.lokaal.klantcontactUuid') = ?`,
      )
      .all(lokaalKlantcontactUuid) as { id: string; payload: string }[];
    for (const r of rows) {
      const reg = JSON.parse(r.payload) as OutboxRegistratie;
      this.db
        .prepare('UPDATE openklant_outbox SET payload = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify({ ...reg, bijlage }), this.now(), r.id);
    }
    return rows.length > 0;
  }

  overzicht(limit = 50): OutboxOverzicht {
    const aantallen: Record<OutboxState, number> = {
      wachtend: 0,
      verstuurd: 0,
      gecompenseerd: 0,
      mislukt: 0,
    };
    const counts = this.db
      .prepare('SELECT state, COUNT(*) AS n, MIN(created_at) AS oudste FROM openklant_outbox GROUP BY state')
      .all() as { state: OutboxState; n: number; oudste: number }[];
    for (const c of counts) aantallen[c.state] = c.n;
    const oudste = counts.find((c) => c.state === 'wachtend')?.oudste;
    const rows = this.db
      .prepare(
        `SELECT * FROM openklant_outbox WHERE state != 'verstuurd' ORDER BY created_at DESC, id LIMIT ?`,
      )
      .all(limit) as Row[];
    return {
      aantallen,
      ...(oudste !== undefined ? { oudsteWachtendSinds: new Date(oudste).toISOString() } : {}),
      items: rows.map((r) => ({
        id: r.id,
        referentienummer: r.referentienummer,
        state: r.state as Exclude<OutboxState, 'verstuurd'>,
        attempts: r.attempts,
        ...(r.last_error ? { lastError: r.last_error } : {}),
        aangemaaktOp: new Date(r.created_at).toISOString(),
        ...(r.state === 'wachtend' ? { volgendePogingOp: new Date(r.next_attempt_at).toISOString() } : {}),
      })),
    };
  }

  /**
   * Try a registration again now. A failed one (`mislukt`: compensation did not succeed either) resumes with
   * its steps; a compensated one starts over, because its remote klantcontact was deleted.
   * Returns undefined for an unknown id, and the row unchanged when it was already forwarded.
   */
  opnieuw(id: string): OutboxRow | undefined {
    const row = this.get(id);
    if (!row || row.state === 'verstuurd') return row;
    const t = this.now();
    this.db
      .prepare(
        `UPDATE openklant_outbox SET state = 'wachtend', attempts = 0, next_attempt_at = ?, updated_at = ?,
           steps = CASE WHEN state = 'gecompenseerd' THEN '{}' ELSE steps END WHERE id = ?`,
      )
      .run(t, t, id);
    if (this.timer) setTimeout(() => this.runOnce(), 0).unref();
    return this.get(id);
  }

  /** Forward every due registration once; returns how each ended. */
  async processDue(): Promise<{ verstuurd: number; opnieuw: number; gecompenseerd: number }> {
    const due = this.db
      .prepare(
        `SELECT id FROM openklant_outbox WHERE state = 'wachtend' AND next_attempt_at <= ? ORDER BY created_at LIMIT 50`,
      )
      .all(this.now()) as { id: string }[];
    const result = { verstuurd: 0, opnieuw: 0, gecompenseerd: 0 };
    for (const { id } of due) {
      const outcome = await this.processOne(id);
      if (outcome === 'verstuurd') result.verstuurd++;
      else if (outcome === 'wachtend') result.opnieuw++;
      else result.gecompenseerd++;
    }
    return result;
  }

  start(intervalMs = 5000): void {
    this.timer ??= setInterval(() => this.runOnce(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private runOnce(): void {
    if (this.running || !this.timer) return;
    this.running = this.processDue()
      .catch((err: unknown) => this.options.log?.('outbox run failed', { err: String(err) }))
      .finally(() => {
        this.running = undefined;
      });
  }

  private saveSteps(id: string, steps: Steps): void {
    this.db
      .prepare('UPDATE openklant_outbox SET steps = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(steps), this.now(), id);
  }

  private async processOne(id: string): Promise<OutboxRow['state']> {
    const row = this.db.prepare('SELECT * FROM openklant_outbox WHERE id = ?').get(id) as Row;
    const reg = JSON.parse(row.payload) as OutboxRegistratie;
    const steps = JSON.parse(row.steps) as Steps;
    try {
      await this.forward(id, row.referentienummer, reg, steps);
      this.db
        .prepare(
          `UPDATE openklant_outbox SET state = 'verstuurd', attempts = attempts + 1, last_error = NULL, updated_at = ? WHERE id = ?`,
        )
        .run(this.now(), id);
      return 'verstuurd';
    } catch (err) {
      const attempts = row.attempts + 1;
      const message = err instanceof Error ? err.message : String(err);
      const retryable = err instanceof ConnectorError && err.retryable;
      if (retryable && attempts < this.maxAttempts) {
        const next = this.now() + this.backoffMs * 2 ** (attempts - 1);
        this.db
          .prepare(
            'UPDATE openklant_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?',
          )
          .run(attempts, next, message, this.now(), id);
        this.options.log?.('outbox step failed, will retry', { id, attempts, error: message });
        return 'wachtend';
      }
      const compensated = await this.compensate(steps);
      const state = compensated ? 'gecompenseerd' : 'mislukt';
      this.db
        .prepare(
          'UPDATE openklant_outbox SET state = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ?',
        )
        .run(state, attempts, message, this.now(), id);
      this.options.log?.('outbox registration failed permanently', { id, state, error: message });
      return state;
    }
  }

  /** Delete the remote klantcontact (Open Klant cascades its betrokkenen, actorklantcontacten, bijlagen and interne taken). */
  private async compensate(steps: Steps): Promise<boolean> {
    if (!steps.klantcontact) return true;
    try {
      await this.http.request({
        method: 'DELETE',
        path: `/klantcontacten/${steps.klantcontact}`,
        acceptStatus: [404],
      });
      return true;
    } catch {
      return false;
    }
  }

  private async getList<T>(path: string, query: Record<string, string>): Promise<T[]> {
    return (await this.http.request<Paginated<T>>({ method: 'GET', path, query, idempotent: true })).body
      .results;
  }

  private async post(path: string, body: unknown): Promise<string> {
    return (await this.http.request<{ uuid: string }>({ method: 'POST', path, body })).body.uuid;
  }

  /** The actor for a medewerker (by username) or an afdeling (by name), created when Open Klant has none yet. */
  private async actorFor(t: Toewijzing): Promise<string> {
    const found = await this.getList<{ uuid: string }>(
      '/actoren',
      t.soortActor === 'medewerker'
        ? { actoridentificatorObjectId: t.gebruikersnaam, soortActor: 'medewerker' }
        : { naam: t.naam, soortActor: 'organisatorische_eenheid' },
    );
    if (found[0]) return found[0].uuid;
    return this.post('/actoren', {
      naam: t.naam,
      soortActor: t.soortActor,
      indicatieActief: true,
      ...(t.soortActor === 'medewerker'
        ? {
            actoridentificator: {
              objectId: t.gebruikersnaam,
              codeObjecttype: 'mdw',
              codeRegister: 'handmatig',
              codeSoortObjectId: 'gebruikersnaam',
            },
          }
        : {}),
      // actorIdentificatie is left out: the spec requires a phone number or e-mail with it.
    });
  }

  private async forward(id: string, ref: string, reg: OutboxRegistratie, steps: Steps): Promise<void> {
    const save = () => this.saveSteps(id, steps);
    if (!steps.klantcontact) {
      // Found by referentienummer: an earlier attempt may have created it and crashed before saving the uuid.
      const existing = await this.getList<{ uuid: string }>('/klantcontacten', { referentienummer: ref });
      steps.klantcontact =
        existing[0]?.uuid ??
        (await this.post('/klantcontacten', {
          ...reg.klantcontact,
          referentienummer: ref,
          indicatieContactGelukt: true,
        }));
      save();
    }
    const kc = { uuid: steps.klantcontact };
    if (steps.betrokkene === undefined) {
      if (reg.partijUuid || reg.digitaleAdressen.length > 0) {
        const existing = await this.getList<{ uuid: string }>('/betrokkenen', {
          hadKlantcontact__uuid: kc.uuid,
        });
        steps.betrokkene =
          existing[0]?.uuid ??
          (await this.post('/betrokkenen', {
            hadKlantcontact: kc,
            wasPartij: reg.partijUuid ? { uuid: reg.partijUuid } : null,
            rol: 'klant',
            initiator: true,
          }));
      } else steps.betrokkene = null;
      save();
    }
    if (!steps.actor) {
      steps.actor = await this.actorFor({
        soortActor: 'medewerker',
        naam: reg.medewerker.naam,
        gebruikersnaam: reg.medewerker.username,
      });
      save();
    }
    if (!steps.actorklantcontact) {
      const existing = await this.getList<{ uuid: string }>('/actorklantcontacten', {
        klantcontact__uuid: kc.uuid,
      });
      steps.actorklantcontact =
        existing[0]?.uuid ??
        (await this.post('/actorklantcontacten', { actor: { uuid: steps.actor }, klantcontact: kc }));
      save();
    }
    if (steps.betrokkene && (steps.digitaleAdressen?.length ?? 0) < reg.digitaleAdressen.length) {
      const existing = await this.getList<{ uuid: string; adres: string }>('/digitaleadressen', {
        verstrektDoorBetrokkene__uuid: steps.betrokkene,
      });
      const done = new Map(existing.map((d) => [d.adres, d.uuid]));
      steps.digitaleAdressen = [];
      for (const d of reg.digitaleAdressen) {
        steps.digitaleAdressen.push(
          done.get(d.adres) ??
            (await this.post('/digitaleadressen', {
              adres: d.adres,
              soortDigitaalAdres: d.soortDigitaalAdres,
              verstrektDoorBetrokkene: { uuid: steps.betrokkene },
              verstrektDoorPartij: null,
              omschrijving: 'Opgegeven in contact',
            })),
        );
        save();
      }
    }
    if (steps.onderwerpobject === undefined) {
      if (reg.zaakUuid) {
        const existing = await this.getList<{ uuid: string }>('/onderwerpobjecten', {
          klantcontact__uuid: kc.uuid,
        });
        steps.onderwerpobject =
          existing[0]?.uuid ??
          (await this.post('/onderwerpobjecten', {
            klantcontact: kc,
            wasKlantcontact: null,
            onderwerpobjectidentificator: {
              objectId: reg.zaakUuid,
              codeObjecttype: 'zaak',
              codeRegister: 'open-zaak',
              codeSoortObjectId: 'uuid',
            },
          }));
      } else steps.onderwerpobject = null;
      save();
    }
    if (steps.bijlage === undefined) {
      if (reg.bijlage) {
        const ident = transcriptBijlage(reg.bijlage.objectId);
        const existing = await this.getList<{ uuid: string }>('/bijlagen', {
          klantcontact__uuid: kc.uuid,
          bijlageidentificatorCodeRegister: ident.codeRegister,
          bijlageidentificatorCodeObjecttype: ident.codeObjecttype,
          bijlageidentificatorCodeSoortObjectId: ident.codeSoortObjectId,
          bijlageidentificatorObjectId: ident.objectId,
        });
        steps.bijlage =
          existing[0]?.uuid ??
          (await this.post('/bijlagen', { wasBijlageVanKlantcontact: kc, bijlageidentificator: ident }));
      } else steps.bijlage = null;
      save();
    }
    if (steps.taakActor === undefined) {
      const t = reg.interneTaak?.toegewezenAan;
      steps.taakActor = t
        ? t.soortActor === 'medewerker' && t.gebruikersnaam === reg.medewerker.username
          ? steps.actor
          : await this.actorFor(t)
        : null;
      save();
    }
    if (steps.interneTaak === undefined) {
      if (reg.interneTaak && steps.taakActor) {
        const existing = await this.getList<{ uuid: string }>('/internetaken', {
          klantcontact__uuid: kc.uuid,
        });
        steps.interneTaak =
          existing[0]?.uuid ??
          (await this.post('/internetaken', {
            aanleidinggevendKlantcontact: kc,
            gevraagdeHandeling: reg.interneTaak.gevraagdeHandeling,
            ...(reg.interneTaak.toelichting ? { toelichting: reg.interneTaak.toelichting } : {}),
            status: 'te_verwerken',
            toegewezenAanActoren: [{ uuid: steps.taakActor }],
          }));
      } else steps.interneTaak = null;
      save();
    }
  }
}

/**
 * Wrap the embedded port for Open Klant mode: partijen live in Open Klant, so the local registration keeps
 * no partij (its uuid means nothing to the embedded store); the registration is also written to the outbox
 * with the Open Klant partij, in the same transaction (the port is synchronous SQLite, and the registration
 * route runs it inside `db.transaction`). `linkTranscript` (the channels module calls it in that transaction when
 * the contact has messages) also adds the transcript bijlage to that outbox registration.
 */
export function withOpenKlantOutbox(
  port: KlantinteractiesPort,
  outbox: OpenKlantOutbox,
): KlantinteractiesPort {
  return new OpenKlantOutboxPort(port, outbox);
}

/** The decorator itself: `register` and `linkTranscript` also write to the outbox; the rest is the embedded port. */
class OpenKlantOutboxPort implements KlantinteractiesPort {
  constructor(
    private readonly port: KlantinteractiesPort,
    private readonly outbox: OpenKlantOutbox,
  ) {}

  register(input: RegisterInput): RegistrationResponse {
    const { partij, ...request } = input.request;
    const { partijUuid: linked, ...contact } = input.contact;
    const result = this.port.register({ ...input, contact, request });
    const actor = request.interneTaak?.actor ? this.port.getActor(request.interneTaak.actor.uuid) : undefined;
    this.outbox.enqueue(toOutboxRegistratie(input, result, { partijUuid: partij?.uuid ?? linked, actor }));
    return result;
  }

  linkTranscript(klantcontactUuid: string, contactId: string): { bijlageUuid: string } {
    const linked = this.port.linkTranscript(klantcontactUuid, contactId);
    this.outbox.attachBijlage(klantcontactUuid, { objectId: contactId });
    return linked;
  }

  recognise: KlantinteractiesPort['recognise'] = (from) => this.port.recognise(from);
  getPartij: KlantinteractiesPort['getPartij'] = (uuid) => this.port.getPartij(uuid);
  searchPartijen: KlantinteractiesPort['searchPartijen'] = (query, limit) =>
    this.port.searchPartijen(query, limit);
  createPersoon: KlantinteractiesPort['createPersoon'] = (input) => this.port.createPersoon(input);
  klantcontactenVan: KlantinteractiesPort['klantcontactenVan'] = (partijUuid, limit) =>
    this.port.klantcontactenVan(partijUuid, limit);
  openInterneTakenVanPartij: KlantinteractiesPort['openInterneTakenVanPartij'] = (partijUuid) =>
    this.port.openInterneTakenVanPartij(partijUuid);
  // Claims and afronden change the embedded store only; forwarding them to Open Klant is not built yet.
  interneTaak: KlantinteractiesPort['interneTaak'] = (uuid) => this.port.interneTaak(uuid);
  openInterneTakenVanActoren: KlantinteractiesPort['openInterneTakenVanActoren'] = (actorUuids) =>
    this.port.openInterneTakenVanActoren(actorUuids);
  medewerkerActor: KlantinteractiesPort['medewerkerActor'] = (medewerker) =>
    this.port.medewerkerActor(medewerker);
  wijsInterneTaakToe: KlantinteractiesPort['wijsInterneTaakToe'] = (uuid, medewerker) =>
    this.port.wijsInterneTaakToe(uuid, medewerker);
  rondInterneTaakAf: KlantinteractiesPort['rondInterneTaakAf'] = (uuid, at) =>
    this.port.rondInterneTaakAf(uuid, at);
  gespreksresultaten: KlantinteractiesPort['gespreksresultaten'] = () => this.port.gespreksresultaten();
  afdelingen: KlantinteractiesPort['afdelingen'] = () => this.port.afdelingen();
  getActor: KlantinteractiesPort['getActor'] = (uuid) => this.port.getActor(uuid);
}

export function toOutboxRegistratie(
  input: RegisterInput,
  result: RegistrationResponse,
  refs: { partijUuid?: string | undefined; actor?: { naam: string; soortActor: string; objectId?: string } },
): OutboxRegistratie {
  const r = input.request;
  const from = input.contact.from;
  // Open Klant refuses numbers outside its pattern: only forward the canonical form.
  const phone = from.phone ? canonicalPhone(from.phone) : undefined;
  const zelf: Toewijzing = {
    soortActor: 'medewerker',
    naam: input.medewerker.name,
    gebruikersnaam: input.medewerker.username,
  };
  const a = refs.actor;
  const toegewezenAan: Toewijzing =
    a?.soortActor === 'organisatorische_eenheid'
      ? { soortActor: 'organisatorische_eenheid', naam: a.naam }
      : a?.soortActor === 'medewerker' && a.objectId
        ? { soortActor: 'medewerker', naam: a.naam, gebruikersnaam: a.objectId }
        : zelf;
  return {
    klantcontact: {
      kanaal: r.kanaal ?? input.contact.channel,
      onderwerp: r.onderwerp,
      ...(input.hoofdOnderwerpType !== undefined ? { hoofdOnderwerpType: input.hoofdOnderwerpType } : {}),
      ...(r.inhoud ? { inhoud: r.inhoud } : {}),
      ...(r.reactie ? { reactie: r.reactie } : {}),
      taal: 'nld',
      vertrouwelijk: false,
      plaatsgevondenOp: input.at.toISOString(),
      metadata: {
        gespreksresultaat: r.gespreksresultaat,
        ...(input.contact.identificatieniveau
          ? { identificatieniveau: input.contact.identificatieniveau }
          : {}),
      },
    },
    ...(refs.partijUuid ? { partijUuid: refs.partijUuid } : {}),
    digitaleAdressen: [
      ...(phone ? [{ adres: phone, soortDigitaalAdres: 'telefoonnummer' as const }] : []),
      ...(from.email ? [{ adres: from.email, soortDigitaalAdres: 'email' as const }] : []),
    ],
    medewerker: { username: input.medewerker.username, naam: input.medewerker.name },
    ...(r.zaak ? { zaakUuid: r.zaak.uuid } : {}),
    ...(r.interneTaak
      ? {
          interneTaak: {
            gevraagdeHandeling: r.interneTaak.gevraagdeHandeling,
            ...(r.interneTaak.toelichting ? { toelichting: r.interneTaak.toelichting } : {}),
            toegewezenAan,
          },
        }
      : {}),
    lokaal: {
      klantcontactUuid: result.klantcontact.uuid,
      ...(result.interneTaak ? { interneTaakUuid: result.interneTaak.uuid } : {}),
    },
  };
}
