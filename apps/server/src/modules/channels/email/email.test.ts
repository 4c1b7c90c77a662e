import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MessagesResponse } from '@kcc/contracts/channels';
import { bearer } from '../../../../test-support/test-server';
import { nextAgentEvent, startChannelKit, type ChannelKit } from '../../../../test-support/channel-test-kit';

/** Talk raw SMTP (for input nodemailer would never produce); returns every reply line. */
async function rawSmtp(port: number, commands: (string | Buffer)[]): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let waiting: (() => void) | undefined;
  socket.on('data', (d: Buffer) => {
    buffer += d.toString();
    let i;
    while ((i = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (/^\d{3} /.test(line)) {
        replies.push(line);
        waiting?.();
      }
    }
  });
  const reply = () => new Promise<void>((resolve) => (waiting = resolve));
  await reply();
  // Buffers are raw DATA content (no reply); every string is a command or the final dot and gets one reply.
  for (const c of commands) {
    if (Buffer.isBuffer(c)) {
      socket.write(c);
      continue;
    }
    const next = reply();
    socket.write(c);
    await next;
  }
  socket.end();
  return replies;
}

describe('e-mail in (SMTP) and out (relay)', () => {
  let kit: ChannelKit;
  let smtpPort: number;
  beforeAll(async () => {
    kit = await startChannelKit({
      KCC_MAIL_MAX_BYTES: String(200 * 1024),
      KCC_MAIL_MAX_ATTACHMENT_BYTES: String(20 * 1024),
    });
    smtpPort = kit.server.smtpPort ?? 0;
  });
  afterAll(() => kit.stop());

  const contactByExternalId = (externalId: string) =>
    kit.server.db
      .prepare("SELECT * FROM contacts WHERE channel = 'email' AND external_id = ?")
      .get(externalId) as
      | { id: string; status: string; subject: string; due_at: number; created_at: number; from_json: string }
      | undefined;

  it('turns a mail into an email contact, offers it, and sends the reply with the right headers', async () => {
    const { token, socket: agent } = await kit.agent('anna');
    const offered = kit.acceptNext(agent);
    await kit.sendMail({
      from: 'Jan Jansen <jan@example.nl>',
      to: 'kcc@gemeente.example',
      subject: 'Vraag over parkeervergunning',
      messageId: '<vraag-1@example.nl>',
      text: 'Hoe lang duurt een aanvraag?',
      html: '<p onclick="alert(1)">Hoe lang <b>duurt</b> een aanvraag?</p><script>alert(2)</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(3)">x</a>',
      attachments: [{ filename: 'kenteken.txt', content: 'AB-123-C' }],
    });
    const offer = await offered;
    expect(offer.contact).toMatchObject({
      channel: 'email',
      subject: 'Vraag over parkeervergunning',
      from: { email: 'jan@example.nl', name: 'Jan Jansen' },
    });
    const contact = contactByExternalId('<vraag-1@example.nl>');
    expect(contact?.id).toBe(offer.contact.id);
    // Due in 2 working days (servicenorm of the e-mail queue).
    expect((contact?.due_at ?? 0) - (contact?.created_at ?? 0)).toBeGreaterThanOrEqual(2 * 86_400_000);

    const list = (await (
      await fetch(`${kit.server.url}/api/contacts/${offer.contact.id}/messages`, { headers: bearer(token) })
    ).json()) as MessagesResponse;
    expect(list.items).toHaveLength(1);
    const first = list.items[0];
    expect(first?.body).toContain('Hoe lang duurt een aanvraag?');
    expect(first?.html).toContain('<b>duurt</b>');
    expect(first?.html).not.toMatch(/onclick|<script|<img|javascript:/);
    expect(first?.attachments).toHaveLength(1);
    const att = first?.attachments?.[0];
    const download = await fetch(`${kit.server.url}${att?.url ?? ''}`, { headers: bearer(token) });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('AB-123-C');
    expect(download.headers.get('content-disposition')).toContain('kenteken.txt');
    const bram = await kit.server.login('bram');
    expect((await fetch(`${kit.server.url}${att?.url ?? ''}`, { headers: bearer(bram) })).status).toBe(403);

    const res = await fetch(`${kit.server.url}/api/contacts/${offer.contact.id}/messages`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Een aanvraag duurt ongeveer twee weken.' }),
    });
    expect(res.status).toBe(201);
    const mail = await kit.sink.next();
    expect(mail.subject).toBe('Re: Vraag over parkeervergunning');
    expect(mail.inReplyTo).toBe('<vraag-1@example.nl>');
    expect(mail.references).toBe('<vraag-1@example.nl>');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '').toBe('jan@example.nl');
    expect(mail.text).toMatch(/^Beste Jan Jansen,/);
    expect(mail.text).toContain('Een aanvraag duurt ongeveer twee weken.');
    expect(mail.text).toContain('Met vriendelijke groet,\nAnna');
    expect(mail.text).toContain('> Hoe lang duurt een aanvraag?');
    // The reply carries a signed CSAT link for this contact (reports module).
    expect(mail.text).toMatch(/Geef een cijfer van 1 tot 5: http:\/\/[^\s]+\/beoordeling\/[^\s]+/);
    const sentId = mail.messageId;
    // The stored message turns `sent` and the holder hears it.
    const update = await nextAgentEvent(agent, 'contact:message-added', (e) => e.message.delivery === 'sent');
    expect(update.message.body).toBe('Een aanvraag duurt ongeveer twee weken.');

    // The resident answers our reply: it joins the same contact, nothing new.
    const joined = nextAgentEvent(agent, 'contact:message-added', (e) => e.message.direction === 'in');
    await kit.sendMail({
      from: 'jan@example.nl',
      to: 'kcc@gemeente.example',
      subject: 'Re: Re: Vraag over parkeervergunning',
      messageId: '<vraag-2@example.nl>',
      inReplyTo: sentId,
      references: ['<vraag-1@example.nl>', sentId ?? ''],
      text: 'Dank u wel!',
    });
    const j = await joined;
    expect(j.contactId).toBe(offer.contact.id);
    expect(contactByExternalId('<vraag-2@example.nl>')).toBeUndefined();
    // A second reply takes the thread from both earlier messages.
    const again = await fetch(`${kit.server.url}/api/contacts/${offer.contact.id}/messages`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Graag gedaan.' }),
    });
    expect(again.status).toBe(201);
    const second = await kit.sink.next();
    expect(second.subject).toBe('Re: Re: Vraag over parkeervergunning');
    expect(second.inReplyTo).toBe('<vraag-2@example.nl>');
    expect(second.references).toEqual(['<vraag-1@example.nl>', sentId, '<vraag-2@example.nl>']);
    await agent.emitWithAck('presence:set', { status: 'offline' });
  });

  it('stores the same Message-ID once, however often it is delivered', async () => {
    const mail = {
      from: 'a@example.nl',
      to: 'kcc@gemeente.example',
      subject: 'Dubbel',
      messageId: '<dubbel@example.nl>',
      text: 'x',
    };
    await kit.sendMail(mail);
    await kit.sendMail(mail);
    const n = kit.server.db
      .prepare("SELECT COUNT(*) AS n FROM contact_messages WHERE external_id = '<dubbel@example.nl>'")
      .get() as { n: number };
    expect(n.n).toBe(1);
  });

  it('reopens a closed contact when the resident replies to its thread', async () => {
    await kit.sendMail({
      from: 'b@example.nl',
      to: 'kcc@gemeente.example',
      subject: 'Oud',
      messageId: '<oud@example.nl>',
      text: 'eerste',
    });
    const c = contactByExternalId('<oud@example.nl>');
    expect(c).toBeDefined();
    kit.server.db.prepare("UPDATE contacts SET status = 'closed' WHERE id = ?").run(c?.id);
    await kit.sendMail({
      from: 'b@example.nl',
      to: 'kcc@gemeente.example',
      subject: 'Re: Oud',
      messageId: '<oud-2@example.nl>',
      inReplyTo: '<oud@example.nl>',
      text: 'nog een vraag',
    });
    const after = kit.server.db.prepare('SELECT status FROM contacts WHERE id = ?').get(c?.id) as {
      status: string;
    };
    expect(['new', 'queued', 'offered']).toContain(after.status);
    const types = (
      kit.server.db.prepare('SELECT type FROM contact_events WHERE contact_id = ?').all(c?.id) as {
        type: string;
      }[]
    ).map((r) => r.type);
    expect(types).toContain('reopened');
  });

  it('refuses oversized mail with 552 and non-mail with 554, keeps serving, and notes dropped attachments', async () => {
    await expect(
      kit.sendMail({
        from: 'c@example.nl',
        to: 'kcc@gemeente.example',
        subject: 'Groot',
        text: 'x'.repeat(300 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });

    const replies = await rawSmtp(smtpPort, [
      'EHLO test\r\n',
      'MAIL FROM:<d@example.nl>\r\n',
      'RCPT TO:<kcc@gemeente.example>\r\n',
      'DATA\r\n',
      Buffer.from([0, 1, 2, 3, 255, 254, 13, 10]),
      '\r\n.\r\n',
      'QUIT\r\n',
    ]);
    expect(replies.some((r) => r.startsWith('554'))).toBe(true);

    // Broken MIME (boundary never closed, invalid base64) is still read as well as possible: a contact, no crash.
    const broken = [
      'From: e@example.nl',
      'To: kcc@gemeente.example',
      'Subject: Kapot',
      'Message-ID: <kapot@example.nl>',
      'Content-Type: multipart/mixed; boundary="zzz"',
      '',
      '--zzz',
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: base64',
      '',
      '!!!dit-is-geen-base64***',
      '--zzz',
      'Content-Type: application/pdf; name="a.pdf"',
      'Content-Disposition: attachment; filename="../../etc/passwd"',
      '',
    ].join('\r\n');
    const ok = await rawSmtp(smtpPort, [
      'EHLO t\r\n',
      'MAIL FROM:<e@example.nl>\r\n',
      'RCPT TO:<kcc@x>\r\n',
      'DATA\r\n',
      `${broken}\r\n.\r\n`,
      'QUIT\r\n',
    ]);
    expect(ok.some((r) => r.startsWith('250') && /queued|ok|accepted/i.test(r))).toBe(true);
    const kapot = contactByExternalId('<kapot@example.nl>');
    expect(kapot?.subject).toBe('Kapot');
    const stored = kit.server.db
      .prepare('SELECT filename, stored_path FROM contact_attachments WHERE contact_id = ?')
      .all(kapot?.id) as { filename: string; stored_path: string }[];
    for (const a of stored) {
      expect(a.filename).not.toContain('/');
      expect(a.stored_path.startsWith(kit.server.dataDir)).toBe(true);
    }

    await kit.sendMail({
      from: 'f@example.nl',
      to: 'kcc@gemeente.example',
      subject: 'Te grote bijlage',
      messageId: '<bijlage@example.nl>',
      text: 'zie bijlage',
      attachments: [{ filename: 'groot.bin', content: Buffer.alloc(40 * 1024, 1) }],
    });
    const big = contactByExternalId('<bijlage@example.nl>');
    const msg = kit.server.db
      .prepare('SELECT body FROM contact_messages WHERE contact_id = ?')
      .get(big?.id) as { body: string };
    expect(msg.body).toContain("Bijlage 'groot.bin'");
    expect((await fetch(`${kit.server.url}/health`)).status).toBe(200);
  });

  it('marks a reply failed (not lost) when there is no relay', async () => {
    const { startTestServer } = await import('../../../../test-support/test-server');
    const { createFakeKlantinteracties } = await import('../../../../test-support/fake-klantinteracties');
    const server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
    try {
      const token = await server.login('anna');
      const agent = await server.connectAgent(token);
      await agent.emitWithAck('presence:set', { status: 'beschikbaar' });
      const offered = new Promise<{ offerId: string; contact: { id: string } }>((resolve) =>
        agent.once('contact:offered', resolve),
      );
      await server.inbound({
        channel: 'email',
        externalId: '<zonder-relay@example.nl>',
        from: { email: 'g@example.nl' },
        subject: 'x',
      });
      const offer = await offered;
      await agent.emitWithAck('offer:accept', { offerId: offer.offerId });
      const res = await fetch(`${server.url}/api/contacts/${offer.contact.id}/messages`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'Antwoord' }),
      });
      expect(res.status).toBe(201);
      // Sending runs after the answer: wait until the outbox has tried and given up.
      await vi.waitFor(
        () => {
          const row = server.db
            .prepare("SELECT delivery, body FROM contact_messages WHERE direction = 'uit'")
            .get() as { delivery: string; body: string };
          expect(row).toEqual({ delivery: 'failed', body: 'Antwoord' });
        },
        { timeout: 15_000, interval: 20 },
      );
      // A telephone contact has no messages to send.
      await agent.emitWithAck('presence:set', { status: 'offline' });
    } finally {
      await server.stop();
    }
  });
});
