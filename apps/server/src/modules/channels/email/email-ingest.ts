import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { z } from 'zod';
import type { ContactFrom } from '@kcc/contracts/domain';
import type { ContactRecord, ContactsRepository } from '../../contacts/contacts.repository';
import type { InboundService } from '../../contacts/inbound.service';
import {
  DuplicateExternalId,
  type MessagesRepository,
  type StoredAttachment,
} from '../../messages/messages.repository';
import type { MessagesService } from '../../messages/messages.service';
import type { Logger } from '../../../shared/logger';
import type { RoutingService } from '../../routing/routing.service';
import { sanitiseEmailHtml } from './html-sanitise';
import { geenAutomatischAntwoord, type Ontvangstbevestigingen } from './ontvangstbevestiging';

/** An SMTP-level refusal: the sending MTA keeps the message and reports it (nothing is lost silently). */
export class MailRefused extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'MailRefused';
  }
}

export interface IngestResult {
  contactId: string;
  /** `new`: a new contact; `thread`: joined an earlier contact; `duplicate`: this Message-ID was stored before. */
  outcome: 'new' | 'thread' | 'duplicate' | 'quarantined';
}

const BODY_MAX_CHARS = 100_000;
const HTML_MAX_CHARS = 500_000;
const Email = z.email().max(254);
/** The first line of a message must be a header field (RFC 5322 field-name ":"). */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address?: string; name?: string } {
  const obj = Array.isArray(a) ? a[0] : a;
  const v = obj?.value[0];
  return { ...(v?.address ? { address: v.address } : {}), ...(v?.name ? { name: v.name } : {}) };
}

function validEmail(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const trimmed = address.trim().toLowerCase();
  return Email.safeParse(trimmed).success ? trimmed : undefined;
}

function safeFilename(name: string | undefined, index: number): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/'));
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f<>:"/\\|?*]/g, '_')
    .trim()
    .slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? `bijlage-${index + 1}` : clean;
}

function normaliseId(id: string): string {
  const t = id.trim();
  return t.startsWith('<') ? t : `<${t}>`;
}

/**
 * `chain`: the thread as the References header gives it, oldest first (our reply's References continue it);
 * `lookup`: where to look for the thread, most specific first (In-Reply-To, then References newest first).
 */
function threadIds(parsed: ParsedMail): { chain: string[]; lookup: string[] } {
  const refs = (typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []))
    .filter((r) => r.trim() !== '')
    .map(normaliseId);
  const inReplyTo = parsed.inReplyTo
    ? parsed.inReplyTo
        .split(/\s+/)
        .filter((r) => r !== '')
        .map(normaliseId)
    : [];
  const chain = refs.length > 0 ? refs : inReplyTo;
  const lookup = [...new Set([...inReplyTo, ...[...refs].reverse()])];
  return { chain: chain.slice(-50), lookup: lookup.slice(0, 50) };
}

/**
 * Turns one accepted SMTP message into an `email` contact (externalId = Message-ID) with its first message,
 * or adds it to the contact of the thread it answers (In-Reply-To / References). Unreadable MIME is quarantined
 * (raw file kept, contact created with a warning): never a crash, never a lost contact.
 */
export class EmailIngest {
  constructor(
    private readonly deps: {
      dataDir: string;
      attachmentMaxBytes: number;
      inbound: InboundService;
      contacts: ContactsRepository;
      messages: MessagesService;
      repo: MessagesRepository;
      routing: RoutingService;
      log: Logger;
      parse?: (raw: Buffer) => Promise<ParsedMail>;
      /** Automatic receipts for new contacts (never for thread replies, duplicates or automatic mail). */
      ontvangstbevestiging?: Ontvangstbevestigingen;
      /** After a receipt was queued (and committed): hand it to the relay. */
      onOntvangstbevestiging?: () => void;
    },
  ) {}

  async ingest(raw: Buffer, envelope: { mailFrom?: string; rcptTo: string[] }): Promise<IngestResult> {
    const head = raw.subarray(0, 1000).toString('latin1').replace(/^\s+/, '');
    if (raw.length === 0 || !HEADER_LINE.test(head)) {
      throw new MailRefused(554, 'Message is not an e-mail (no header block)');
    }
    let parsed: ParsedMail;
    try {
      const parse =
        this.deps.parse ?? ((r: Buffer) => simpleParser(r, { maxHtmlLengthToParse: HTML_MAX_CHARS }));
      parsed = await parse(raw);
    } catch (err) {
      this.deps.log.warn({ err }, 'unreadable e-mail quarantined');
      return await this.quarantine(raw, envelope);
    }
    const sha = createHash('sha256').update(raw).digest('hex');
    const messageId = parsed.messageId ? normaliseId(parsed.messageId) : `<sha256-${sha}@kcc.invalid>`;

    const known = await this.deps.repo.findByExternalIds([messageId]);
    if (known) return { contactId: known.contactId, outcome: 'duplicate' };

    const sender = firstAddress(parsed.from);
    const replyTo = validEmail(firstAddress(parsed.replyTo).address);
    const email = validEmail(sender.address) ?? validEmail(envelope.mailFrom);
    const name = sender.name?.trim().slice(0, 200);
    const from: ContactFrom = { ...(email ? { email } : {}), ...(name ? { name } : {}) };
    const subject = (parsed.subject ?? '')
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, 200);
    const html =
      parsed.html !== false && parsed.html !== undefined
        ? sanitiseEmailHtml(parsed.html.slice(0, HTML_MAX_CHARS))
        : undefined;
    const skipped: string[] = [];
    const attachments = this.storeAttachments(parsed, skipped);
    let text = (parsed.text ?? '').slice(0, BODY_MAX_CHARS);
    if (text.trim() === '' && html !== undefined)
      text = html
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, BODY_MAX_CHARS);
    if (skipped.length > 0) text += `\n\n${skipped.join('\n')}`;
    const { chain, lookup } = threadIds(parsed);
    const input = {
      body: text,
      ...(html !== undefined && html.trim() !== '' ? { html } : {}),
      fromLabel: name ?? email ?? 'Afzender onbekend',
      externalId: messageId,
      at: Date.now(),
      meta: {
        subject,
        references: chain,
        ...(replyTo !== undefined ? { replyTo } : {}),
        ...(parsed.date ? { date: parsed.date.toISOString() } : {}),
        ...(envelope.mailFrom ? { envelopeFrom: envelope.mailFrom } : {}),
      },
    };

    const thread = lookup.length > 0 ? await this.deps.repo.findByExternalIds(lookup) : undefined;
    const threadContact = thread ? await this.deps.contacts.get(thread.contactId) : undefined;
    if (threadContact) {
      try {
        await this.deps.messages.addInbound(threadContact, input, attachments);
      } catch (err) {
        // The same mail, delivered twice at once: the other delivery stored it.
        if (err instanceof DuplicateExternalId) return { contactId: threadContact.id, outcome: 'duplicate' };
        throw err;
      }
      await this.deps.contacts.appendEvent({
        contactId: threadContact.id,
        type: 'email-reply-received',
        at: Date.now(),
        data: { messageId },
      });
      await this.deps.routing.reopen(threadContact.id, 'email-reply');
      return { contactId: threadContact.id, outcome: 'thread' };
    }
    const ontvangst = this.deps.ontvangstbevestiging;
    const weigering = ontvangst
      ? geenAutomatischAntwoord(parsed, {
          envelopeFrom: envelope.mailFrom,
          from: email,
          eigenAdres: ontvangst.eigenAdres,
        })
      : undefined;
    // The receipt is written in the contact's unit of work (the callback runs inside it).
    let bevestigd: Promise<boolean> | undefined;
    const { contact, created } = await this.deps.inbound.receive(
      {
        channel: 'email',
        externalId: messageId,
        from,
        subject: subject === '' ? '(geen onderwerp)' : subject,
        body: text,
      },
      async (c: ContactRecord) => {
        await this.deps.messages.addInbound(c, input, attachments);
        const to = replyTo ?? email;
        if (!ontvangst || to === undefined) return;
        if (weigering !== undefined) {
          await this.deps.contacts.appendEvent({
            contactId: c.id,
            type: 'ontvangstbevestiging-overgeslagen',
            at: Date.now(),
            data: { reden: weigering },
          });
          return;
        }
        bevestigd = ontvangst.bevestig(c, {
          to,
          subject,
          inReplyTo: messageId,
          references: chain,
        });
        await bevestigd;
      },
    );
    if (await bevestigd) this.deps.onOntvangstbevestiging?.();
    return { contactId: contact.id, outcome: created ? 'new' : 'duplicate' };
  }

  private storeAttachments(
    parsed: ParsedMail,
    skipped: string[],
  ): Omit<StoredAttachment, 'contactId' | 'messageId'>[] {
    const stored: Omit<StoredAttachment, 'contactId' | 'messageId'>[] = [];
    const dir = path.join(this.deps.dataDir, 'attachments');
    parsed.attachments.forEach((a, i) => {
      const filename = safeFilename(a.filename, i);
      const content = a.content as Buffer;
      if (!Buffer.isBuffer(content)) return;
      if (content.length > this.deps.attachmentMaxBytes) {
        const mb = (content.length / 1024 / 1024).toFixed(1);
        const max = (this.deps.attachmentMaxBytes / 1024 / 1024).toFixed(1);
        skipped.push(`[Bijlage '${filename}' (${mb} MB) is niet bewaard: groter dan ${max} MB.]`);
        return;
      }
      fs.mkdirSync(dir, { recursive: true });
      const id = randomUUID();
      const storedPath = path.join(dir, id);
      fs.writeFileSync(storedPath, content);
      stored.push({
        id,
        filename,
        contentType: (a.contentType || 'application/octet-stream').slice(0, 200),
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        storedPath,
        at: Date.now(),
      });
    });
    return stored;
  }

  private async quarantine(raw: Buffer, envelope: { mailFrom?: string }): Promise<IngestResult> {
    const sha = createHash('sha256').update(raw).digest('hex');
    const dir = path.join(this.deps.dataDir, 'quarantine');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${sha}.eml`);
    fs.writeFileSync(file, raw);
    const email = validEmail(envelope.mailFrom);
    const body =
      'Deze e-mail kon niet worden gelezen en staat in quarantaine. ' +
      `Een beheerder kan het bestand ${path.basename(file)} controleren.`;
    const { contact, created } = await this.deps.inbound.receive(
      {
        channel: 'email',
        externalId: `quarantine:${sha}`,
        from: email ? { email } : {},
        subject: '(onleesbare e-mail)',
        body,
      },
      async (c) => {
        await this.deps.messages.addInbound(c, {
          body,
          fromLabel: email ?? 'Afzender onbekend',
          meta: { quarantined: path.basename(file) },
        });
        await this.deps.contacts.appendEvent({
          contactId: c.id,
          type: 'quarantined',
          at: Date.now(),
          data: { file: path.basename(file) },
        });
      },
    );
    return { contactId: contact.id, outcome: created ? 'quarantined' : 'duplicate' };
  }
}
