import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalPhone } from '../../modules/klantinteracties/phone';
import type { KlantinteractiesPort, RegisterInput } from '../../modules/klantinteracties/ports';
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
];

/** What is forwarded: the klantcontact and its parts, with references Open Klant can resolve. */
export interface OutboxRegistratie {
  klantcontact: {
    kanaal: string;
    onderwerp: string;
    inhoud?: string;
    reactie?: string;
    taal: string;
    vertrouwelijk: boolean;
    plaatsgevondenOp: string;
    metadata?: Record<string, string>;
  };
  /** The partij by identificator (local uuids mean nothing to Open Klant). */
  partij?: { soort: 'bsn' | 'kvk_nummer'; objectId: string };
  /** Digitale adressen the caller gave in this contact, stored on the betrokkene. */
  digitaleAdressen: { adres: string; soortDigitaalAdres: 'telefoonnummer' | 'email' }[];
  medewerker: { username: string; naam: string };
  zaakUuid?: string;
  interneTaak?: { gevraagdeHandeling: string; toelichting?: string };
}

type Steps = Partial<{
  klantcontact: string;
  partij: string | null;
  betrokkene: string | null;
  actor: string;
  actorklantcontact: string;
  digitaleAdressen: string[];
  onderwerpobject: string | null;
  interneTaak: string | null;
}>;

export interface OutboxRow {
  id: string;
  referentienummer: string;
  state: 'wachtend' | 'verstuurd' | 'gecompenseerd' | 'mislukt';
  attempts: number;
  steps: Steps;
  lastError?: string;
}

export interface OutboxOptions {
  now?: () => number;
  maxAttempts?: number;
  backoffMs?: number;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

/** 10 characters (Klantcontact.referentienummer has maxLength 10), unique per registration. */
function newReferentienummer(): string {
  return `KCC${randomBytes(5).toString('hex').slice(0, 7).toUpperCase()}`;
}

/**
 * Transactional outbox to Open Klant. `enqueue` runs inside the caller's SQLite transaction. `processDue`
 * forwards due registrations step by step: klantcontact (found again by its referentienummer, so a retry
 * never duplicates it), betrokkene, actorklantcontact, digitale adressen, onderwerpobject (zaak), interne taak.
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
        `INSERT INTO openklant_outbox (id, referentienummer, payload, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, 'wachtend', ?, ?, ?)`,
      )
      .run(id, referentienummer, JSON.stringify(registratie), t, t, t);
    return { id, referentienummer, state: 'wachtend', attempts: 0, steps: {} };
  }

  get(id: string): OutboxRow | undefined {
    const r = this.db.prepare('SELECT * FROM openklant_outbox WHERE id = ?').get(id) as
      | {
          id: string;
          referentienummer: string;
          state: OutboxRow['state'];
          attempts: number;
          steps: string;
          last_error: string | null;
        }
      | undefined;
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
    this.timer ??= setInterval(() => {
      if (this.running) return;
      this.running = this.processDue()
        .catch((err: unknown) => this.options.log?.('outbox run failed', { err: String(err) }))
        .finally(() => {
          this.running = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private saveSteps(id: string, steps: Steps): void {
    this.db
      .prepare('UPDATE openklant_outbox SET steps = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(steps), this.now(), id);
  }

  private async processOne(id: string): Promise<OutboxRow['state']> {
    const row = this.db.prepare('SELECT * FROM openklant_outbox WHERE id = ?').get(id) as {
      referentienummer: string;
      payload: string;
      steps: string;
      attempts: number;
    };
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

  /** Delete the remote klantcontact (Open Klant cascades its betrokkenen, actorklantcontacten and interne taken). */
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
    if (steps.partij === undefined) {
      steps.partij = reg.partij
        ? ((
            await this.getList<{ uuid: string }>('/partijen', {
              partijIdentificator__codeSoortObjectId: reg.partij.soort,
              partijIdentificator__objectId: reg.partij.objectId,
            })
          )[0]?.uuid ?? null)
        : null;
      save();
    }
    if (steps.betrokkene === undefined) {
      if (steps.partij || reg.digitaleAdressen.length > 0) {
        const existing = await this.getList<{ uuid: string }>('/betrokkenen', {
          hadKlantcontact__uuid: kc.uuid,
        });
        steps.betrokkene =
          existing[0]?.uuid ??
          (await this.post('/betrokkenen', {
            hadKlantcontact: kc,
            wasPartij: steps.partij ? { uuid: steps.partij } : null,
            rol: 'klant',
            initiator: true,
          }));
      } else steps.betrokkene = null;
      save();
    }
    if (!steps.actor) {
      const found = await this.getList<{ uuid: string }>('/actoren', {
        actoridentificatorObjectId: reg.medewerker.username,
        soortActor: 'medewerker',
      });
      steps.actor =
        found[0]?.uuid ??
        (await this.post('/actoren', {
          naam: reg.medewerker.naam,
          soortActor: 'medewerker',
          indicatieActief: true,
          actoridentificator: {
            objectId: reg.medewerker.username,
            codeObjecttype: 'mdw',
            codeRegister: 'handmatig',
            codeSoortObjectId: 'gebruikersnaam',
          },
          // actorIdentificatie is left out: the spec requires a phone number or e-mail with it.
        }));
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
    if (steps.interneTaak === undefined) {
      if (reg.interneTaak) {
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
            toegewezenAanActoren: [{ uuid: steps.actor }],
          }));
      } else steps.interneTaak = null;
      save();
    }
  }
}

/**
 * Wrap the embedded port: every registration is also written to the outbox, in the same transaction
 * (the port is synchronous SQLite, and the registration route runs it inside `db.transaction`).
 */
export function withOpenKlantOutbox(
  port: KlantinteractiesPort,
  outbox: OpenKlantOutbox,
): KlantinteractiesPort {
  return new Proxy(port, {
    get(target, prop, receiver) {
      if (prop !== 'register') {
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (input: RegisterInput) => {
        const result = target.register(input);
        const partijUuid = input.request.partij?.uuid ?? input.contact.partijUuid;
        outbox.enqueue(toOutboxRegistratie(input, partijUuid ? target.getPartij(partijUuid) : undefined));
        return result;
      };
    },
  });
}

export function toOutboxRegistratie(
  input: RegisterInput,
  partij: { bsn?: string; kvkNummer?: string } | undefined,
): OutboxRegistratie {
  const r = input.request;
  const from = input.contact.from;
  // Open Klant refuses numbers outside its pattern: only forward the canonical form.
  const phone = from.phone ? canonicalPhone(from.phone) : undefined;
  return {
    klantcontact: {
      kanaal: r.kanaal ?? input.contact.channel,
      onderwerp: r.onderwerp,
      ...(r.inhoud ? { inhoud: r.inhoud } : {}),
      ...(r.reactie ? { reactie: r.reactie } : {}),
      taal: 'nld',
      vertrouwelijk: false,
      plaatsgevondenOp: input.at.toISOString(),
      metadata: { gespreksresultaat: r.gespreksresultaat },
    },
    ...(partij?.bsn
      ? { partij: { soort: 'bsn' as const, objectId: partij.bsn } }
      : partij?.kvkNummer
        ? { partij: { soort: 'kvk_nummer' as const, objectId: partij.kvkNummer } }
        : {}),
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
          },
        }
      : {}),
  };
}
