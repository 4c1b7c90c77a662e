import type { BerichtKanaal, TerugkoppelingView } from '@kcc/contracts/toestemmingen';
import type { CancelTimer, Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { bericht, type Aanleiding } from './berichten';
import type {
  ClaimedTerugkoppeling,
  Gebeurtenis,
  TerugkoppelingFields,
  TerugkoppelingRepository,
  TerugkoppelingRow,
} from './terugkoppeling.repository';

export type { Gebeurtenis } from './terugkoppeling.repository';

const MAX_POGINGEN = 6;
const EERSTE_WACHTTIJD_MS = 30_000;
const LANGSTE_WACHTTIJD_MS = 3600_000;

/** Messages claimed at once; the lease covers choosing the channel, not the send (markSending renews it). */
const CLAIM_BATCH = 20;
const CLAIM_LEASE_MS = 60_000;
/** Longer than any send can take (SMTP and NotifyNL time out well before): after it, the send was interrupted. */
const SEND_LEASE_MS = 10 * 60_000;
/** Also look every minute: messages recorded or released by another instance. */
const POLL_MS = 60_000;

type Row = TerugkoppelingRow;

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
  repository: TerugkoppelingRepository;
  clock: Clock;
  log: Logger;
  /** The active grant of a soort for a partij: where messages may go. */
  toestemming: (
    partijUuid: string,
    soort: 'proactief_contact' | 'voorkeurskanaal',
  ) => Promise<{ kanaal: BerichtKanaal; adres: string } | undefined>;
  /** The contact's channel and, for e-mail and web forms, the address it came from. */
  contact: (contactId: string) => Promise<{ channel: string; email?: string | undefined } | undefined>;
  mail: MailVerzender;
  mailFrom: string;
  signature: string;
  sms?: { client: SmsVerzender; templateTerugkoppeling: string; templateBeoordeling: string } | undefined;
  telefoon: string;
  /** A single-use rating link for a phone contact (reports module). */
  beoordelingslink: (contactId: string) => Promise<string>;
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
 * The durable outbox of terugkoppelingen: `record` stores an event (once per `sleutel`), the sender decides the
 * channel when it sends (so a withdrawn toestemming stops a waiting message). A worker claims due rows for a lease
 * (with several instances, one worker per message), marks a row `verzenden` (committed) before the network call and
 * retries on the injected clock only when the message certainly did not go out; a row whose sender stopped during
 * the send is failed, not sent again: a message is never sent twice.
 */
export class TerugkoppelingOutbox {
  private running = false;
  private again = false;
  private timer: CancelTimer | undefined;
  private stopped = false;

  constructor(private readonly deps: TerugkoppelingDeps) {}

  /** After the caller's commit; false when this event was already recorded. */
  async record(g: Gebeurtenis): Promise<boolean> {
    const inserted = await this.deps.repository.record(g);
    if (inserted) this.kick();
    return inserted;
  }

  vanPartij(partijUuid: string): Promise<TerugkoppelingView[]> {
    return this.deps.repository.vanPartij(partijUuid);
  }

  start(): void {
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
        } else {
          this.arm().catch((err: unknown) => this.deps.log.error({ err }, 'terugkoppeling: plannen mislukt'));
        }
      });
  }

  private async arm(): Promise<void> {
    this.timer?.();
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.deps.clock.now();
    const next = Math.min((await this.deps.repository.nextWake()) ?? Infinity, now + POLL_MS);
    if (this.stopped || this.running) return;
    this.timer = this.deps.clock.setTimer(Math.max(0, next - now), () => this.kick());
  }

  private async process(): Promise<void> {
    // A row whose sender stopped during the send (its lease ran out) may or may not have gone out: never again.
    await this.deps.repository.giveUpInterrupted();
    for (;;) {
      if (this.stopped) return;
      const due = await this.deps.repository.claimDue(CLAIM_BATCH, CLAIM_LEASE_MS);
      if (due.length === 0) return;
      for (const row of due) await this.sendOne(row);
    }
  }

  /** Write fields of a claimed row (fenced by its claim); false when another worker holds it now. */
  private async set(
    c: ClaimedTerugkoppeling,
    fields: TerugkoppelingFields,
    release = true,
  ): Promise<boolean> {
    const kept = await this.deps.repository.update(c, fields, release);
    if (!kept) this.deps.log.warn({ id: c.id }, 'terugkoppeling: claim overgenomen door een andere worker');
    return kept;
  }

  /** Where this message may go now, or why it may not go anywhere. */
  private async bestemming(
    row: Row,
    aanleiding: Aanleiding,
  ): Promise<{ kanaal: BerichtKanaal; adres: string } | { reden: string }> {
    const partij = row.partij_uuid ?? undefined;
    if (aanleiding.soort === 'beoordeling') {
      const proactief =
        partij !== undefined ? await this.deps.toestemming(partij, 'proactief_contact') : undefined;
      return proactief ?? { reden: 'De inwoner gaf geen toestemming om zelf contact op te nemen.' };
    }
    const voorkeur =
      partij !== undefined ? await this.deps.toestemming(partij, 'voorkeurskanaal') : undefined;
    if (voorkeur) return voorkeur;
    const contact = row.contact_id !== null ? await this.deps.contact(row.contact_id) : undefined;
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

  private async sendOne(row: ClaimedTerugkoppeling): Promise<void> {
    let aanleiding = JSON.parse(row.gegevens) as Aanleiding;
    const naar = await this.bestemming(row, aanleiding);
    if ('reden' in naar) {
      await this.set(row, { status: 'niet_verstuurd', reden: naar.reden });
      return;
    }
    if (naar.kanaal === 'sms' && !this.deps.sms) {
      await this.set(row, {
        status: 'niet_verstuurd',
        kanaal: 'sms',
        reden: 'Sms versturen staat uit (geen NotifyNL ingesteld).',
      });
      return;
    }
    if (naar.kanaal === 'email' && !this.deps.mail.available) {
      await this.set(row, {
        status: 'niet_verstuurd',
        kanaal: 'email',
        reden: 'E-mail versturen staat uit (geen relay ingesteld).',
      });
      return;
    }
    if (aanleiding.soort === 'beoordeling' && aanleiding.link === undefined && row.contact_id !== null) {
      // The link (a single-use token) is made once and kept, so a retry sends the same link.
      aanleiding = { ...aanleiding, link: await this.deps.beoordelingslink(row.contact_id) };
      if (!(await this.set(row, { gegevens: JSON.stringify(aanleiding) }, false))) return;
    }
    const pogingen = row.pogingen + 1;
    // `verzenden` (committed) before the network call: a crash now leaves it, and it is never sent again.
    if (!(await this.deps.repository.markSending(row, { kanaal: naar.kanaal, pogingen }, SEND_LEASE_MS)))
      return;
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
      await this.set(row, { status: 'verstuurd', extern_id: externId, verstuurd_op: at, reden: null });
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
        await this.set(row, {
          status: 'wachtend',
          reden: fout.message,
          volgende_poging: this.deps.clock.now() + wacht,
        });
        this.deps.log.warn(
          { id: row.id, reason: fout.message, pogingen },
          'terugkoppeling: opnieuw proberen',
        );
      } else {
        await this.set(row, { status: 'mislukt', reden: fout.message });
        this.deps.log.error({ id: row.id, reason: fout.message }, 'terugkoppeling niet verstuurd');
      }
    }
  }
}

function mailDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'kcc.invalid';
}
