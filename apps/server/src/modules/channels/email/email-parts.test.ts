import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../contacts/contacts.repository';
import { contactsUnitOfWork } from '../../contacts/index';
import type { InboundService } from '../../contacts/inbound.service';
import { createMessagesRepository } from '../../messages/messages.repository';
import { MessagesService } from '../../messages/messages.service';
import type { RoutingService } from '../../routing/routing.service';
import { openDatabase, type Db } from '../../../store/db';
import { migrate } from '../../../store/migrate';
import { serverMigrations } from '../../../store/migrations';
import { openStore } from '../../../store/store';
import { tempDataDir } from '../../../../test-support/test-server';
import { EmailIngest, MailRefused } from './email-ingest';
import { sanitiseEmailHtml } from './html-sanitise';
import { composeReply, replySubject } from './reply-template';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The e-mail intake's neighbours on a migrated SQLite data dir: contacts, messages and an inbound service. */
function emailWorld(db: Db) {
  migrate(db, serverMigrations([]));
  const store = openStore({ sqlite: db });
  const { contacts } = contactsUnitOfWork(store, silent);
  const repo = createMessagesRepository(store);
  const messages = new MessagesService(repo, contacts, {
    push: () => undefined,
    log: silent,
    userName: () => undefined,
  });
  const inbound: InboundService = {
    onCreated: () => undefined,
    receive(input, inTx) {
      return contacts.transaction(async () => {
        const r = await contacts.insertIfNew({
          id: crypto.randomUUID(),
          channel: input.channel,
          externalId: input.externalId,
          queueId: 'email',
          status: 'new',
          priority: 0,
          from: input.from,
          createdAt: Date.now(),
          ...(input.subject !== undefined ? { subject: input.subject } : {}),
        });
        if (r.created) await inTx?.(r.contact as ContactRecord);
        return r;
      });
    },
  };
  return { contacts, repo, messages, inbound };
}

describe('e-mail building blocks', () => {
  it('sanitises HTML: no scripts, handlers, styles, images or javascript: links', () => {
    const out = sanitiseEmailHtml(
      '<div style="x" onmouseover="a()"><script>x()</script><style>p{}</style><img src=x onerror=y()>' +
        '<a href="javascript:alert(1)">a</a><a href="https://gemeente.nl">b</a><iframe src="https://e"></iframe><p>tekst</p></div>',
    );
    expect(out).not.toMatch(/script|style|onmouseover|onerror|<img|iframe|javascript/i);
    expect(out).toContain(
      '<a href="https://gemeente.nl" target="_blank" rel="noopener noreferrer nofollow">b</a>',
    );
    expect(out).toContain('<p>tekst</p>');
  });

  it('makes a proper reply subject and text', () => {
    expect(replySubject('Vraag')).toBe('Re: Vraag');
    expect(replySubject('RE: Vraag')).toBe('RE: Vraag');
    expect(replySubject('Antw: Vraag')).toBe('Antw: Vraag');
    expect(replySubject(undefined)).toBe('Re: uw bericht aan de gemeente');
    const template = {
      aanhef: 'Beste {naam},',
      afsluiting: 'Met vriendelijke groet,',
      signature: 'Gemeente',
    };
    expect(composeReply({ template, body: 'Antwoord', agentName: 'Anna' })).toBe(
      'Beste,\n\nAntwoord\n\nMet vriendelijke groet,\nAnna\nGemeente',
    );
    const quoted = composeReply({
      template,
      residentName: 'Jan',
      body: 'A',
      agentName: 'Anna',
      original: { text: 'regel 1\nregel 2', at: 0 },
    });
    expect(quoted).toMatch(/^Beste Jan,/);
    expect(quoted).toContain('> regel 1\n> regel 2');
  });

  it('quarantines unreadable mail (raw kept, contact made) and refuses non-mail', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    try {
      const { contacts, repo, messages, inbound } = emailWorld(db);
      const ingest = new EmailIngest({
        dataDir,
        attachmentMaxBytes: 1000,
        inbound,
        contacts,
        messages,
        repo,
        routing: {} as RoutingService,
        log: silent,
        parse: () => Promise.reject(new Error('parser exploded')),
      });
      const raw = Buffer.from('From: x@example.nl\r\nSubject: kapot\r\n\r\nbody');
      const result = await ingest.ingest(raw, { mailFrom: 'x@example.nl', rcptTo: ['kcc@x'] });
      expect(result.outcome).toBe('quarantined');
      const contact = await contacts.get(result.contactId);
      expect(contact).toMatchObject({
        channel: 'email',
        subject: '(onleesbare e-mail)',
        from: { email: 'x@example.nl' },
      });
      const files = fs.readdirSync(path.join(dataDir, 'quarantine'));
      expect(files).toHaveLength(1);
      expect(fs.readFileSync(path.join(dataDir, 'quarantine', files[0] ?? '')).equals(raw)).toBe(true);
      expect((await contacts.events(result.contactId)).map((e) => e.type)).toContain('quarantined');
      // The same broken mail again: still one contact.
      expect((await ingest.ingest(raw, { rcptTo: [] })).contactId).toBe(result.contactId);
      await expect(ingest.ingest(Buffer.from('\x00\x01 geen mail'), { rcptTo: [] })).rejects.toBeInstanceOf(
        MailRefused,
      );
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stores a reply delivered twice at once as one message in its thread', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    try {
      const { contacts, repo, messages, inbound } = emailWorld(db);
      // Parsed ahead, so the two deliveries of the reply reach the store in the same turn of the event loop.
      const parsed = new Map<string, ParsedMail>();
      const ingest = new EmailIngest({
        dataDir,
        attachmentMaxBytes: 1000,
        inbound,
        contacts,
        messages,
        repo,
        routing: { reopen: () => undefined } as unknown as RoutingService,
        log: silent,
        parse: async (raw) => parsed.get(raw.toString()) ?? simpleParser(raw),
      });
      const mail = (id: string, extra = '') =>
        Buffer.from(`From: jan@example.nl\r\nSubject: Vraag\r\nMessage-ID: ${id}\r\n${extra}\r\nTekst ${id}`);
      const first = await ingest.ingest(mail('<vraag@example.nl>'), { rcptTo: [] });
      const reply = mail('<antwoord@example.nl>', 'In-Reply-To: <vraag@example.nl>\r\n');
      parsed.set(reply.toString(), await simpleParser(reply));
      const outcomes = await Promise.all([
        ingest.ingest(reply, { rcptTo: [] }),
        ingest.ingest(reply, { rcptTo: [] }),
      ]);
      expect(outcomes.map((o) => o.contactId)).toEqual([first.contactId, first.contactId]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'thread']);
      expect((await repo.list(first.contactId)).map((m) => m.externalId)).toEqual([
        '<vraag@example.nl>',
        '<antwoord@example.nl>',
      ]);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
