import type { MessagesResponse } from '@kcc/contracts/channels';
import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

const FATIMA = { email: 'fatima.elamrani@example.com', naam: 'Fatima El Amrani' };

test('@P1 an e-mail comes in over SMTP, is answered in the workplace and the reply goes out as a proper reply', async ({
  loginAs,
  sendMail,
  smtpSink,
  agentApi,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');

  const incomingId = '<e2e-afvalpas-1@mail.example.com>';
  await sendMail({
    from: `${FATIMA.naam} <${FATIMA.email}>`,
    subject: 'Afvalpas kwijt',
    messageId: incomingId,
    text: 'Goedemiddag,\n\nIk ben mijn afvalpas kwijt. Hoe vraag ik een nieuwe aan?\n\nFatima',
    html: '<p>Goedemiddag,</p><p>Ik ben mijn <b>afvalpas</b> kwijt. Hoe vraag ik een nieuwe aan?</p><script>alert(1)</script>',
  });

  // The resident gets an automatic receipt at once, threaded to her mail and marked as automatic.
  const receipt = await smtpSink.waitFor((mail) => mail.subject === 'Ontvangen: Afvalpas kwijt');
  expect(receipt.inReplyTo).toBe(incomingId);
  expect(receipt.headers.get('auto-submitted')).toBe('auto-replied');
  expect(receipt.text).toContain('U krijgt uiterlijk');
  expect(receipt.text).toContain('Antwoord dan op deze e-mail');

  const offer = anna.offerFor('Afvalpas kwijt');
  await expect(offer).toBeVisible();
  await anna.accept(offer);
  await expect(anna.activeContacts).toHaveCount(1);
  const contactId = await anna.openContactEntry().getAttribute('data-contact-id');
  expect(contactId).toBeTruthy();

  // The sender is recognised by the e-mail address.
  await anna.expectHerkenning('email', 'Herkend via e-mailadres');
  await expect(anna.partijNaam).toHaveText(FATIMA.naam);

  const pane = new ConversationPane(anna.page);
  await expect(pane.incoming.first()).toContainText('Ik ben mijn afvalpas kwijt');

  await pane.reply('U kunt een nieuwe afvalpas aanvragen via Mijn Gemeente. De pas kost 10 euro.');
  const reply = await smtpSink.waitFor(
    (mail) => mail.inReplyTo === incomingId && mail.subject === 'Re: Afvalpas kwijt',
  );
  expect(reply.subject).toBe('Re: Afvalpas kwijt');
  expect(reply.to && 'value' in reply.to ? reply.to.value[0]?.address : undefined).toBe(FATIMA.email);
  const references = Array.isArray(reply.references) ? reply.references : [reply.references];
  expect(references).toContain(incomingId);
  expect(reply.text).toContain('U kunt een nieuwe afvalpas aanvragen via Mijn Gemeente.');
  expect(reply.text).toContain('Anna');
  expect(reply.from?.value[0]?.address).toBe('klantcontact@gemeente.example');

  // The workplace shows the reply as sent once the relay accepted it.
  await expect(pane.outgoing.last()).toContainText('U kunt een nieuwe afvalpas aanvragen');
  const api = await agentApi('anna');
  await expect
    .poll(async () => {
      const { items } = await api.get<MessagesResponse>(`/api/contacts/${contactId}/messages`);
      return items.map((m) => `${m.direction}:${m.delivery ?? ''}`);
    })
    .toEqual(['in:', 'uit:sent', 'uit:sent']);
  // Only sanitised HTML is stored and shown: the script in the mail is gone, the markup is kept.
  const [incoming, sentReceipt] = (await api.get<MessagesResponse>(`/api/contacts/${contactId}/messages`))
    .items;
  // The agent sees what the resident got automatically.
  expect(sentReceipt?.body).toContain('Wij hebben uw bericht over "Afvalpas kwijt" goed ontvangen.');
  expect(incoming?.html).toContain('<b>afvalpas</b>');
  expect(incoming?.html).not.toContain('script');

  // Fatima answers the reply: the mail is threaded into the same contact (In-Reply-To our Message-ID).
  await sendMail({
    from: FATIMA.email,
    subject: 'Re: Afvalpas kwijt',
    inReplyTo: reply.messageId,
    references: [incomingId, reply.messageId ?? ''],
    text: 'Dank u wel!',
  });
  await expect(pane.incoming.last()).toContainText('Dank u wel!');
  await expect(anna.activeContacts).toHaveCount(1);
});
