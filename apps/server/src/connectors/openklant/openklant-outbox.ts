import type { RegistrationResponse } from '@kcc/contracts/rest';
import { canonicalPhone } from '../../modules/klantinteracties/phone';
import {
  transcriptBijlage,
  type KlantinteractiesPort,
  type RegisterInput,
} from '../../modules/klantinteracties/ports';
import { ConnectorError } from '../errors';
import type { HttpClient } from '../http-client';
import type { Paginated } from './openklant-client';
import type { ClaimedRegistratie, OpenKlantOutboxRepository } from './openklant-outbox.repository';
import type {
  OutboxOverzicht,
  OutboxRegistratie,
  OutboxRow,
  OutboxSteps,
  PendingRegistratie,
  Toewijzing,
} from './openklant-outbox.types';
import type { OpenKlantOverdracht, Overdracht } from './openklant-overdracht';

export {
  openKlantOutboxMigrations,
  createOpenKlantOutboxRepository,
  type OpenKlantOutboxRepository,
  type OpenKlantOutboxTables,
} from './openklant-outbox.repository';
export { openKlantOverdrachtMigrations, createOpenKlantOverdracht } from './openklant-overdracht';
export type * from './openklant-outbox.types';

export interface OutboxOptions {
  now?: () => number;
  maxAttempts?: number;
  backoffMs?: number;
  /** How long a claim holds a row; each finished step renews it. A crashed worker's rows are due after it. */
  leaseMs?: number;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

/** Another worker holds the row now (this one's lease ran out): stop, it goes on from the saved steps. */
class ClaimLost extends Error {}

/** Rows claimed at once: few, so a claim's lease does not run out while earlier rows are being forwarded. */
const CLAIM_BATCH = 5;
/** Rows one run forwards at most. */
const RUN_LIMIT = 50;

/**
 * Transactional outbox to Open Klant. `handOver` runs inside the registration's transaction (the hand-over table,
 * openklant-overdracht.ts); the outbox moves it to its repository after the commit. `processDue` claims due rows
 * (a lease, so with several instances each row is forwarded by one worker at a time and a crashed worker's rows
 * are due again after it) and forwards them step by step outside any transaction: klantcontact (found again by its
 * referentienummer, so a retry never duplicates it), betrokkene, actorklantcontact, digitale adressen,
 * onderwerpobject (zaak), bijlage (transcript), interne taak. Each step's remote uuid is stored as soon as it
 * succeeds (renewing the lease), so a retry resumes where it stopped; a worker whose claim was taken over stops.
 * Retryable failures back off exponentially; a permanent failure (a 4xx, or too many attempts) compensates by
 * deleting the remote klantcontact, so Open Klant never keeps half a registration.
 */
export class OpenKlantOutbox {
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;

  constructor(
    private readonly store: { repository: OpenKlantOutboxRepository; overdracht: OpenKlantOverdracht },
    private readonly http: HttpClient,
    private readonly options: OutboxOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoffMs = options.backoffMs ?? 2000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  /** Inside the registration's transaction: durable with it, forwarded after its commit. */
  handOver(registratie: OutboxRegistratie): Overdracht {
    const row = this.store.overdracht.add(registratie, this.now());
    // Forward soon after the caller's transaction commits, instead of at the next interval.
    if (this.timer) setImmediate(() => this.runOnce());
    return row;
  }

  /** Move what the registrations handed over into the outbox (idempotent: a repeated move inserts nothing). */
  async relay(): Promise<number> {
    const waiting = this.store.overdracht.waiting(100);
    for (const o of waiting) {
      await this.store.repository.enqueue(o);
      const removed = this.store.overdracht.remove(o.id);
      // The transcript bijlage was attached to the hand-over while it was being moved: it follows into the outbox.
      const late = removed?.registratie.bijlage;
      if (late && !o.registratie.bijlage)
        await this.store.repository.attachBijlage(o.registratie.lokaal.klantcontactUuid, late);
    }
    return waiting.length;
  }

  get(id: string): Promise<OutboxRow | undefined> {
    return this.store.repository.get(id);
  }

  /** Registrations about this Open Klant partij that are not in Open Klant (yet), newest first. */
  pendingFor(partijUuid: string): Promise<PendingRegistratie[]> {
    return this.store.repository.pendingFor(partijUuid);
  }

  /**
   * Add the transcript bijlage to the registration of this local klantcontact. Inside the registration's
   * transaction it goes into the hand-over, so the worker never sees the registration without it; a registration
   * already in the outbox gets it there (after the caller's commit), and is forwarded again for it if it was sent.
   */
  attachBijlage(lokaalKlantcontactUuid: string, bijlage: { objectId: string }): void {
    if (this.store.overdracht.attachBijlage(lokaalKlantcontactUuid, bijlage)) return;
    void this.store.repository
      .attachBijlage(lokaalKlantcontactUuid, bijlage)
      .then((attached) => {
        // Forward it now, not at the next interval (a sent registration is due again for its bijlage).
        if (attached && this.timer) setImmediate(() => this.runOnce());
      })
      .catch((err: unknown) => this.options.log?.('outbox bijlage failed', { err: String(err) }));
  }

  overzicht(limit = 50): Promise<OutboxOverzicht> {
    return this.store.repository.overzicht(limit);
  }

  /**
   * Try a registration again now. A failed one (`mislukt`: compensation did not succeed either) resumes with
   * its steps; a compensated one starts over, because its remote klantcontact was deleted.
   * Returns undefined for an unknown id, and the row unchanged when it was already forwarded.
   */
  async opnieuw(id: string): Promise<OutboxRow | undefined> {
    const row = await this.store.repository.opnieuw(id);
    if (row && this.timer) setImmediate(() => this.runOnce());
    return row;
  }

  /** Forward the due registrations this worker can claim; returns how each ended. */
  async processDue(): Promise<{ verstuurd: number; opnieuw: number; gecompenseerd: number }> {
    await this.relay();
    const result = { verstuurd: 0, opnieuw: 0, gecompenseerd: 0 };
    for (let done = 0; done < RUN_LIMIT;) {
      const claimed = await this.store.repository.claimDue(CLAIM_BATCH, this.leaseMs);
      if (claimed.length === 0) break;
      for (const c of claimed) {
        const outcome = await this.processOne(c);
        done++;
        if (outcome === 'verstuurd') result.verstuurd++;
        else if (outcome === 'wachtend') result.opnieuw++;
        else if (outcome !== 'verloren') result.gecompenseerd++;
      }
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
    if (!this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.processDue()
      .catch((err: unknown) => this.options.log?.('outbox run failed', { err: String(err) }))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.runOnce();
        }
      });
  }

  private async processOne(c: ClaimedRegistratie): Promise<OutboxRow['state'] | 'verloren'> {
    const repo = this.store.repository;
    const steps = c.steps;
    const attempts = c.attempts + 1;
    try {
      // Renew the claim before the first call: a row that waited in this batch past its lease may be another's now.
      if (!(await repo.saveSteps(c, steps, this.leaseMs))) throw new ClaimLost();
      await this.forward(c, steps);
      if (!(await repo.finish(c, { state: 'verstuurd', attempts }))) throw new ClaimLost();
      return 'verstuurd';
    } catch (err) {
      if (err instanceof ClaimLost) {
        this.options.log?.('outbox claim taken over by another worker', { id: c.id });
        return 'verloren';
      }
      const message = err instanceof Error ? err.message : String(err);
      const retryable = err instanceof ConnectorError && err.retryable;
      if (retryable && attempts < this.maxAttempts) {
        const nextAttemptAt = this.now() + this.backoffMs * 2 ** (attempts - 1);
        await repo.finish(c, { state: 'wachtend', attempts, nextAttemptAt, lastError: message });
        this.options.log?.('outbox step failed, will retry', { id: c.id, attempts, error: message });
        return 'wachtend';
      }
      const compensated = await this.compensate(steps);
      const state = compensated ? 'gecompenseerd' : 'mislukt';
      await repo.finish(c, { state, attempts, lastError: message });
      this.options.log?.('outbox registration failed permanently', { id: c.id, state, error: message });
      return state;
    }
  }

  /** Delete the remote klantcontact (Open Klant cascades its betrokkenen, actorklantcontacten, bijlagen and interne taken). */
  private async compensate(steps: OutboxSteps): Promise<boolean> {
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

  private async forward(c: ClaimedRegistratie, steps: OutboxSteps): Promise<void> {
    const reg = c.registratie;
    const ref = c.referentienummer;
    const save = async () => {
      if (!(await this.store.repository.saveSteps(c, steps, this.leaseMs))) throw new ClaimLost();
    };
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
      await save();
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
      await save();
    }
    if (!steps.actor) {
      steps.actor = await this.actorFor({
        soortActor: 'medewerker',
        naam: reg.medewerker.naam,
        gebruikersnaam: reg.medewerker.username,
      });
      await save();
    }
    if (!steps.actorklantcontact) {
      const existing = await this.getList<{ uuid: string }>('/actorklantcontacten', {
        klantcontact__uuid: kc.uuid,
      });
      steps.actorklantcontact =
        existing[0]?.uuid ??
        (await this.post('/actorklantcontacten', { actor: { uuid: steps.actor }, klantcontact: kc }));
      await save();
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
        await save();
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
      await save();
    }
    // null with a bijlage: it was attached after the registration had been forwarded.
    if (steps.bijlage === undefined || (steps.bijlage === null && reg.bijlage)) {
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
      await save();
    }
    if (steps.taakActor === undefined) {
      const t = reg.interneTaak?.toegewezenAan;
      steps.taakActor = t
        ? t.soortActor === 'medewerker' && t.gebruikersnaam === reg.medewerker.username
          ? steps.actor
          : await this.actorFor(t)
        : null;
      await save();
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
      await save();
    }
  }
}

/**
 * Wrap the embedded port for Open Klant mode: partijen live in Open Klant, so the local registration keeps
 * no partij (its uuid means nothing to the embedded store); the registration is also handed to the outbox
 * with the Open Klant partij, right after the embedded registration (the hand-over table is still on the
 * synchronous connection; with the async unit of work both become one transaction). `linkTranscript` (the channels module calls it in that transaction when
 * the contact has messages) also adds the transcript bijlage to that registration (`attachBijlage`).
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

  async register(input: RegisterInput): Promise<RegistrationResponse> {
    const { partij, ...request } = input.request;
    const { partijUuid: linked, ...contact } = input.contact;
    const result = await this.port.register({ ...input, contact, request });
    const actor = request.interneTaak?.actor
      ? await this.port.getActor(request.interneTaak.actor.uuid)
      : undefined;
    this.outbox.handOver(toOutboxRegistratie(input, result, { partijUuid: partij?.uuid ?? linked, actor }));
    return result;
  }

  async linkTranscript(klantcontactUuid: string, contactId: string): Promise<{ bijlageUuid: string }> {
    const linked = await this.port.linkTranscript(klantcontactUuid, contactId);
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
