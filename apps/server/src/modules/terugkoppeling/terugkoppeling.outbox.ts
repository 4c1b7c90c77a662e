import { randomUUID } from 'node:crypto';
import type { BerichtKanaal, TerugkoppelingView } from '@kcc/contracts/toestemmingen';
import type { Db } from '../../store/db';
import type { CancelTimer, Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { bericht, type Aanleiding } from './berichten';

const MAX_POGINGEN = 6;
const EERSTE_WACHTTIJD_MS = 30_000;
const LANGSTE_WACHTTIJD_MS = 3600_000;

type Status = 'wachtend' | 'verzenden' | 'verstuurd' | 'mislukt' | 'niet_verstuurd';

interface Row {
  id: string;
  sleutel: string;
  aanleiding: Aanleiding['soort'];
  partij_uuid: string | null;
  contact_id: string | null;
  gegevens: string;
  status: Status;
  kanaal: BerichtKanaal | null;
  reden: string | null;
  pogingen: number;
  volgende_poging: number;
  extern_id: string | null;
  aangemaakt_op: number;
  verstuurd_op: number | null;
}

/** One event that may tell the resident something. `sleutel` names the event: the same event counts once. */
export interface Gebeurtenis {
  sleutel: string;
  aanleiding: Aanleiding;
  partijUuid?: string | undefined;
  contactId?: string | undefined;
}

/** Why a send failed, and whether trying again is safe (the message certainly did not go out). */
export class VerzendFout extends Error {
  constructor(
    message: string,
    readonly opnieuw: boolean,
  ) {
    super(message);
  }
}

export interface MailVerzender {
  readonly available: boolean;
  send(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<void>;
}

export interface SmsVerzender {
  sendSms(req: {
    phoneNumber: string;
    templateId: string;
    personalisation: Record<string, string>;
    reference: string;
  }): Promise<{ id: string }>;
}

export interface TerugkoppelingDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The active grant of a soort for a partij: where messages may go. */
  toestemming: (
    partijUuid: string,
    soort: 'proactief_contact' | 'voorkeurskanaal',
  ) => { kanaal: BerichtKanaal; adres: string } | undefined;
  /** The contact's channel and, for e-mail and web forms, the address it came from. */
  contact: (contactId: string) => { channel: string; email?: string | undefined } | undefined;
  mail: MailVerzender;
  mailFrom: string;
  signature: string;
  sms?: { client: SmsVerzender; templateTerugkoppeling: string; templateBeoordeling: string } | undefined;
  telefoon: string;
  /** A single-use rating link for a phone contact (reports module). */
  beoordelingslink: (contactId: string) => string;
  /** One verwerkingenlog line per message that goes out. */
  logVerzending: (v: {
    partijUuid: string;
    contactId?: string | undefined;
    kanaal: BerichtKanaal;
    aanleiding: Aanleiding['soort'];
    at: number;
  }) => Promise<unknown> | void;
  /** Classifies a send error: retry only when it certainly did not go out. */
  classify: (err: unknown) => VerzendFout;
}

/**
 * The durable outbox of terugkoppelingen: `record` stores an event inside the caller's transaction (once per
 * `sleutel`), the sender decides the channel when it sends (so a withdrawn toestemming stops a waiting message),
 * claims the row before the network call and retries on the injected clock only when the message certainly did
 * not go out: a message is never sent twice.
 */
export class TerugkoppelingOutbox {
  private running = false;
  private again = false;
  private timer: CancelTimer | undefined;
  private stopped = false;

  constructor(private readonly deps: TerugkoppelingDeps) {}

  /** Inside the caller's transaction; false when this event was already recorded. */
  record(g: Gebeurtenis): boolean {
    const now = this.deps.clock.now();
    const inserted = this.deps.db
      .prepare(
        `INSERT OR IGNORE INTO terugkoppelingen (id, sleutel, aanleiding, partij_uuid, contact_id, gegevens, status,
           volgende_poging, aangemaakt_op) VALUES (?, ?, ?, ?, ?, ?, 'wachtend', ?, ?)`,
      )
      .run(
        randomUUID(),
        g.sleutel,
        g.aanleiding.soort,
        g.partijUuid ?? null,
        g.contactId ?? null,
        JSON.stringify(g.aanleiding),
        now,
        now,
      );
    // After the caller's commit (a rolled-back event is simply not there to send).
    if (inserted.changes === 1) setImmediate(() => this.kick());
    return inserted.changes === 1;
  }

  vanPartij(partijUuid: string): TerugkoppelingView[] {
    return this.deps.db
      .prepare<[string], Row>(
        'SELECT * FROM terugkoppelingen WHERE partij_uuid = ? ORDER BY aangemaakt_op DESC, rowid DESC LIMIT 50',
      )
      .all(partijUuid)
      .map(view);
  }

  start(): void {
    // A row claimed when the server stopped may or may not have gone out: never send it again.
    this.deps.db
      .prepare(
        `UPDATE terugkoppelingen SET status = 'mislukt',
           reden = 'De server stopte tijdens het versturen. Niet opnieuw verstuurd, om dubbele berichten te voorkomen.'
         WHERE status = 'verzenden'`,
      )
      .run();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.();
  }

  /** Process what is due now (coalesced). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.process()
      .catch((err: unknown) => this.deps.log.error({ err }, 'terugkoppeling: verwerken mislukt'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.arm();
      });
  }

  private due(): Row[] {
    return this.deps.db
      .prepare<[number], Row>(
        `SELECT * FROM terugkoppelingen WHERE status = 'wachtend' AND volgende_poging <= ?
           ORDER BY volgende_poging LIMIT 20`,
      )
      .all(this.deps.clock.now());
  }

  private arm(): void {
    this.timer?.();
    this.timer = undefined;
    if (this.stopped) return;
    const next = this.deps.db
      .prepare<[], { at: number | null }>(
        "SELECT min(volgende_poging) AS at FROM terugkoppelingen WHERE status = 'wachtend'",
      )
      .get()?.at;
    if (next === null || next === undefined) return;
    this.timer = this.deps.clock.setTimer(Math.max(0, next - this.deps.clock.now()), () => this.kick());
  }

  private async process(): Promise<void> {
    for (;;) {
      const due = this.due();
      if (due.length === 0 || this.stopped) return;
      for (const row of due) await this.sendOne(row);
    }
  }

  private set(id: string, fields: Partial<Omit<Row, 'id'>>): void {
    const keys = Object.keys(fields);
    this.deps.db
      .prepare(`UPDATE terugkoppelingen SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)
      .run({ ...fields, id });
  }

  /** Where this message may go now, or why it may not go anywhere. */
  private bestemming(
    row: Row,
    aanleiding: Aanleiding,
  ): { kanaal: BerichtKanaal; adres: string } | { reden: string } {
    const partij = row.partij_uuid ?? undefined;
    if (aanleiding.soort === 'beoordeling') {
      const proactief = partij !== undefined ? this.deps.toestemming(partij, 'proactief_contact') : undefined;
      return proactief ?? { reden: 'De inwoner gaf geen toestemming om zelf contact op te nemen.' };
    }
    const voorkeur = partij !== undefined ? this.deps.toestemming(partij, 'voorkeurskanaal') : undefined;
    if (voorkeur) return voorkeur;
    const contact = row.contact_id !== null ? this.deps.contact(row.contact_id) : undefined;
    if (contact && (contact.channel === 'email' || contact.channel === 'webformulier') && contact.email) {
      return { kanaal: 'email', adres: contact.email };
    }
    return {
      reden:
        partij === undefined
          ? 'Geen klant gekoppeld en de vraag kwam niet per e-mail binnen.'
          : 'Geen toestemming voor berichten via een voorkeurskanaal en de vraag kwam niet per e-mail binnen.',
    };
  }

  private async sendOne(row: Row): Promise<void> {
    let aanleiding = JSON.parse(row.gegevens) as Aanleiding;
    const naar = this.bestemming(row, aanleiding);
    if ('reden' in naar) {
      this.set(row.id, { status: 'niet_verstuurd', reden: naar.reden });
      return;
    }
    if (naar.kanaal === 'sms' && !this.deps.sms) {
      this.set(row.id, {
        status: 'niet_verstuurd',
        kanaal: 'sms',
        reden: 'Sms versturen staat uit (geen NotifyNL ingesteld).',
      });
      return;
    }
    if (naar.kanaal === 'email' && !this.deps.mail.available) {
      this.set(row.id, {
        status: 'niet_verstuurd',
        kanaal: 'email',
        reden: 'E-mail versturen staat uit (geen relay ingesteld).',
      });
      return;
    }
    if (aanleiding.soort === 'beoordeling' && aanleiding.link === undefined && row.contact_id !== null) {
      // The link (a single-use token) is made once and kept, so a retry sends the same link.
      aanleiding = { ...aanleiding, link: this.deps.beoordelingslink(row.contact_id) };
      this.set(row.id, { gegevens: JSON.stringify(aanleiding) });
    }
    const pogingen = row.pogingen + 1;
    // Claimed (committed) before the network call: a crash now leaves `verzenden`, which start() never resends.
    this.set(row.id, { status: 'verzenden', kanaal: naar.kanaal, pogingen });
    const kenmerk = (row.contact_id ?? row.id).slice(0, 8).toUpperCase();
    const tekst = bericht(aanleiding, { kenmerk, telefoon: this.deps.telefoon });
    try {
      let externId: string;
      if (naar.kanaal === 'email') {
        externId = `<terugkoppeling-${row.id}@${mailDomain(this.deps.mailFrom)}>`;
        await this.deps.mail.send({
          from: this.deps.mailFrom,
          to: naar.adres,
          subject: tekst.onderwerp,
          text: `Beste heer, mevrouw,\n\n${tekst.tekst}\n\nMet vriendelijke groet,\n${this.deps.signature}\n\nDit is een automatisch bericht.`,
          messageId: externId,
          // RFC 3834: an automatic message that is not a reply.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } else {
        const sms = this.deps.sms!;
        const sent = await sms.client.sendSms({
          phoneNumber: naar.adres,
          templateId:
            aanleiding.soort === 'beoordeling' ? sms.templateBeoordeling : sms.templateTerugkoppeling,
          personalisation: { bericht: tekst.tekst },
          reference: row.id,
        });
        externId = sent.id;
      }
      const at = this.deps.clock.now();
      this.set(row.id, { status: 'verstuurd', extern_id: externId, verstuurd_op: at, reden: null });
      if (row.partij_uuid !== null) {
        await this.deps.logVerzending({
          partijUuid: row.partij_uuid,
          contactId: row.contact_id ?? undefined,
          kanaal: naar.kanaal,
          aanleiding: aanleiding.soort,
          at,
        });
      }
    } catch (err) {
      const fout = this.deps.classify(err);
      if (fout.opnieuw && pogingen < MAX_POGINGEN) {
        const wacht = Math.min(LANGSTE_WACHTTIJD_MS, EERSTE_WACHTTIJD_MS * 2 ** (pogingen - 1));
        this.set(row.id, {
          status: 'wachtend',
          reden: fout.message,
          volgende_poging: this.deps.clock.now() + wacht,
        });
        this.deps.log.warn(
          { id: row.id, reason: fout.message, pogingen },
          'terugkoppeling: opnieuw proberen',
        );
      } else {
        this.set(row.id, { status: 'mislukt', reden: fout.message });
        this.deps.log.error({ id: row.id, reason: fout.message }, 'terugkoppeling niet verstuurd');
      }
    }
  }
}

function mailDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'kcc.invalid';
}

function view(r: Row): TerugkoppelingView {
  return {
    id: r.id,
    aanleiding: r.aanleiding,
    status: r.status === 'verzenden' ? 'wachtend' : r.status,
    ...(r.kanaal !== null ? { kanaal: r.kanaal } : {}),
    ...(r.reden !== null ? { reden: r.reden } : {}),
    aangemaaktOp: new Date(r.aangemaakt_op).toISOString(),
    ...(r.verstuurd_op !== null ? { verstuurdOp: new Date(r.verstuurd_op).toISOString() } : {}),
  };
}
