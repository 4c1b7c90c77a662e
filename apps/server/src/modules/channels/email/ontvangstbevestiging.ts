import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { OntvangstbevestigingTemplate } from '@kcc/contracts/channels';
import type { StoreMigration } from '../../../store/migration';
import type { ContactRecord } from '../../contacts/contacts.repository';
import type { MessagesRepository } from '../../messages/messages.repository';
import { isWorkingDay, localDateKey, type WorkingCalendar } from '../../queues/due-time';
import { mailDomain } from './email-outbox';
import type { OntvangstbevestigingRepository } from './ontvangstbevestiging.repository';

export const ontvangstbevestigingMigrations: StoreMigration[] = [
  {
    id: 'channels/ontvangstbevestiging_001',
    sqlite: `
      -- The beheerder's text per queue; a queue without a row uses the default text.
      CREATE TABLE ontvangstbevestiging_templates (
        queue_id TEXT PRIMARY KEY,
        tekst TEXT NOT NULL,
        actief INTEGER NOT NULL,
        bijgewerkt_op INTEGER NOT NULL,
        bijgewerkt_door TEXT NOT NULL
      );
      -- At most one receipt per contact (a thread is one contact: replies join it and get none).
      CREATE TABLE ontvangstbevestigingen (
        contact_id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        at INTEGER NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE ontvangstbevestiging_templates (
        queue_id TEXT PRIMARY KEY,
        tekst TEXT NOT NULL,
        actief INTEGER NOT NULL,
        bijgewerkt_op BIGINT NOT NULL,
        bijgewerkt_door TEXT NOT NULL
      );
      CREATE TABLE ontvangstbevestigingen (
        contact_id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        at BIGINT NOT NULL
      );
    `,
  },
  {
    // issue 15 §6: the promised answer time, for the KPI voorspelbaarheid (promises kept)
    id: 'channels/ontvangstbevestiging_002_belofte',
    sqlite: `
      ALTER TABLE ontvangstbevestigingen ADD COLUMN beloofd_voor INTEGER;
      CREATE INDEX ontvangstbevestigingen_beloofd_voor ON ontvangstbevestigingen (beloofd_voor);
    `,
    postgres: `
      ALTER TABLE ontvangstbevestigingen ADD COLUMN beloofd_voor BIGINT;
      CREATE INDEX ontvangstbevestigingen_beloofd_voor ON ontvangstbevestigingen (beloofd_voor);
    `,
  },
];

/** A promised answer (the receipt's "uiterlijk {datum}") and when the first reply went out, if one did. */
export interface Belofte {
  contactId: string;
  beloofdVoor: number;
  beantwoordOp?: number;
}

export const PLAATSHOUDERS = ['naam', 'onderwerp', 'datum', 'werkdagen', 'kenmerk'] as const;

export const STANDAARD_TEKST = [
  'Beste {naam},',
  '',
  'Wij hebben uw bericht over "{onderwerp}" goed ontvangen. Dank u wel.',
  '',
  'Wat gebeurt er nu?',
  'Een medewerker van het Klantcontactcentrum leest uw bericht. U krijgt uiterlijk {datum} een antwoord. Dat is binnen {werkdagen} werkdagen.',
  '',
  'Wilt u nog iets toevoegen? Antwoord dan op deze e-mail. Zo blijft alles bij elkaar.',
  '',
  'Uw kenmerk: {kenmerk}',
].join('\n');

/** Placeholders in a text that are not in PLAATSHOUDERS (the beheer API refuses those). */
export function onbekendePlaatshouders(tekst: string): string[] {
  const known = new Set<string>(PLAATSHOUDERS);
  return [...tekst.matchAll(/\{([^{}\s]+)\}/g)].map((m) => m[1]!).filter((p) => !known.has(p));
}

const AUTOMATISCHE_AFZENDERS =
  /^(mailer-daemon|postmaster|listserv|majordomo|no-?reply|do-?not-?reply|bounces?)$/i;

/**
 * Why no automatic reply may go to this message (RFC 3834 §2 and common practice), or undefined when one may:
 * a message that is itself automatic (Auto-Submitted other than `no`, X-Autoreply, a delivery report), bulk or
 * list mail (Precedence bulk/list/junk, List-* headers), a null or MAILER-DAEMON return path, a sender that asks
 * for no auto-replies (X-Auto-Response-Suppress), or our own address (a loop).
 */
export function geenAutomatischAntwoord(
  parsed: Pick<ParsedMail, 'headers' | 'headerLines'>,
  afzender: { envelopeFrom: string | undefined; from: string | undefined; eigenAdres: string },
): string | undefined {
  const h = parsed.headers;
  const text = (name: string): string | undefined => {
    const v = h.get(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
    return String(v as unknown);
  };
  const autoSubmitted = text('auto-submitted')?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = text('precedence')?.trim().toLowerCase();
  if (precedence !== undefined && ['bulk', 'list', 'junk'].includes(precedence))
    return `Precedence: ${precedence}`;
  // mailparser folds List-* (RFC 2369, 2919) into one `list` header: look at the raw lines.
  const list = parsed.headerLines.find((l) => l.key.startsWith('list-'));
  if (list) return `${list.key} aanwezig`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response']) {
    if (h.has(name)) return `${name} aanwezig`;
  }
  const suppress = text('x-auto-response-suppress')?.toLowerCase() ?? '';
  if (/\b(all|autoreply|oof)\b/.test(suppress)) return `X-Auto-Response-Suppress: ${suppress}`;
  if (text('content-type')?.toLowerCase() === 'multipart/report') return 'afleverrapport (multipart/report)';
  if (afzender.envelopeFrom === undefined || afzender.envelopeFrom.trim() === '') return 'leeg return-path';
  for (const adres of [afzender.envelopeFrom, afzender.from]) {
    const local = adres?.split('@')[0]?.trim() ?? '';
    if (AUTOMATISCHE_AFZENDERS.test(local) || /^owner-|-(request|bounces?)$/i.test(local)) {
      return `automatische afzender ${local}`;
    }
  }
  const eigen = afzender.eigenAdres.toLowerCase();
  if ([afzender.envelopeFrom, afzender.from].some((a) => a?.toLowerCase() === eigen)) return 'eigen adres';
  return undefined;
}

/** Working days after the day of `from` up to and including the day of `to` (weekends and holidays skipped). */
export function werkdagenTussen(from: number, to: number, calendar: WorkingCalendar): number {
  const d = new Date(from);
  const endKey = localDateKey(new Date(to));
  let n = 0;
  while (localDateKey(d) < endKey) {
    d.setDate(d.getDate() + 1);
    if (isWorkingDay(d, calendar)) n++;
  }
  return n;
}

const datumNl = (at: number) =>
  new Date(at).toLocaleDateString('nl-NL', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  });

/** `Ontvangen: <subject>`, without stacking (`Ontvangen: Re: …` stays as it is). */
export function ontvangenOnderwerp(subject: string | undefined): string {
  const base = (subject ?? '').replace(/[\r\n]+/g, ' ').trim();
  if (base === '' || base === '(geen onderwerp)') return 'Ontvangen: uw bericht aan de gemeente';
  return /^ontvangen\s*:/i.test(base) ? base : `Ontvangen: ${base}`;
}

export interface OntvangstMail {
  to: string;
  /** The subject of the original (e-mail subject, or the form's name). */
  subject: string | undefined;
  /** The Message-ID of the original e-mail, to thread the receipt to it. */
  inReplyTo?: string;
  /** The original's References (oldest first). */
  references?: readonly string[];
}

/**
 * Automatic receipts (ontvangstbevestigingen) for e-mail and web-form contacts: stored as an outgoing message of
 * the contact (`pending`, `Auto-Submitted: auto-replied`), so the e-mail outbox sends it through the relay with
 * its retries, the agent sees what the resident got, and a reply to it threads back to the contact.
 */
export class Ontvangstbevestigingen {
  private readonly domain: string;

  constructor(
    private readonly deps: {
      store: OntvangstbevestigingRepository;
      repo: MessagesRepository;
      mailFrom: string;
      signature: string;
      calendar: WorkingCalendar;
      now: () => number;
    },
  ) {
    this.domain = mailDomain(deps.mailFrom);
  }

  /** The address receipts come from, without the display name. */
  get eigenAdres(): string {
    const m = /<([^>]+)>/.exec(this.deps.mailFrom);
    return (m?.[1] ?? this.deps.mailFrom).trim();
  }

  async template(queueId: string): Promise<OntvangstbevestigingTemplate> {
    const row = await this.deps.store.template(queueId);
    return row
      ? {
          queueId,
          tekst: row.tekst,
          actief: row.actief === 1,
          standaard: false,
          bijgewerktOp: new Date(row.bijgewerkt_op).toISOString(),
          bijgewerktDoor: row.bijgewerkt_door,
        }
      : { queueId, tekst: STANDAARD_TEKST, actief: true, standaard: true };
  }

  async saveTemplate(
    queueId: string,
    input: { tekst: string; actief: boolean },
    userId: string,
  ): Promise<OntvangstbevestigingTemplate> {
    await this.deps.store.saveTemplate({
      queue_id: queueId,
      tekst: input.tekst,
      actief: input.actief ? 1 : 0,
      bijgewerkt_op: this.deps.now(),
      bijgewerkt_door: userId,
    });
    return this.template(queueId);
  }

  /** The text a resident gets for this contact. */
  compose(contact: ContactRecord, tekst: string, subject: string | undefined): string {
    const at = contact.createdAt;
    const due = contact.dueAt;
    const waarden: Record<(typeof PLAATSHOUDERS)[number], string> = {
      naam: contact.from.name?.trim() || 'heer, mevrouw',
      onderwerp: (subject ?? contact.subject ?? 'uw vraag').trim() || 'uw vraag',
      datum: due !== undefined ? datumNl(due) : datumNl(at),
      werkdagen: String(due !== undefined ? Math.max(1, werkdagenTussen(at, due, this.deps.calendar)) : 1),
      kenmerk: contact.id.slice(0, 8).toUpperCase(),
    };
    const body = tekst.replace(/\{([a-z]+)\}/g, (whole, key: string) =>
      key in waarden ? waarden[key as keyof typeof waarden] : whole,
    );
    return `${body.trimEnd()}\n\nMet vriendelijke groet,\n${this.deps.signature}\n\nDit is een automatisch bericht.`;
  }

  /**
   * Queue a receipt for a new contact, in the caller's unit of work. False when the queue's receipt is off or
   * the contact already has one.
   */
  async bevestig(contact: ContactRecord, mail: OntvangstMail): Promise<boolean> {
    const template = await this.template(contact.queueId);
    if (!template.actief) return false;
    const at = this.deps.now();
    const messageId = `<${randomUUID()}@${this.domain}>`;
    const added = await this.deps.store.addReceipt({
      contactId: contact.id,
      messageId,
      at,
      ...(contact.dueAt !== undefined ? { beloofdVoor: contact.dueAt } : {}),
    });
    if (!added) return false;
    const text = this.compose(contact, template.tekst, mail.subject);
    const references = [...(mail.references ?? [])];
    if (mail.inReplyTo !== undefined && !references.includes(mail.inReplyTo)) references.push(mail.inReplyTo);
    await this.deps.repo.add({
      id: randomUUID(),
      contactId: contact.id,
      channel: contact.channel,
      direction: 'uit',
      body: text,
      fromLabel: 'Automatische ontvangstbevestiging',
      at,
      externalId: messageId,
      delivery: 'pending',
      meta: {
        to: mail.to,
        subject: ontvangenOnderwerp(mail.subject),
        text,
        ...(mail.inReplyTo !== undefined ? { inReplyTo: mail.inReplyTo } : {}),
        ...(references.length > 0 ? { references: references.slice(-20) } : {}),
        autoSubmitted: 'auto-replied',
        soort: 'ontvangstbevestiging',
      },
    });
    return true;
  }

  /**
   * Promises whose time falls in [from, to), with the first reply sent by an agent (not an automatic message).
   * A reply that failed to go out is no answer.
   */
  async beloften(from: number, to: number): Promise<Belofte[]> {
    const rows = await this.deps.store.promisedBetween(from, to);
    const messages = await this.deps.repo.listFor(rows.map((r) => r.contactId));
    return rows.map((r) => {
      const reply = messages
        .filter((m) => m.contactId === r.contactId)
        .find(
          (m) =>
            m.direction === 'uit' &&
            m.agentId !== undefined &&
            m.meta?.autoSubmitted === undefined &&
            (m.delivery === undefined || m.delivery === 'sent' || m.delivery === 'delivered'),
        );
      return {
        contactId: r.contactId,
        beloofdVoor: r.beloofdVoor,
        ...(reply !== undefined ? { beantwoordOp: reply.at } : {}),
      };
    });
  }
}
