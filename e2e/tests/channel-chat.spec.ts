import type { ContactContextResponse } from '@kcc/contracts/channels';
import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

test('@P0 a resident on the demo site chats with Anna in the workplace, Anna ends the chat and the resident rates it', async ({
  openResident,
  loginAs,
  agentApi,
  smtpSink,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');

  const resident = await openResident();
  await resident.visit('/demo/afval.html');
  await resident.openPanel();
  await resident.startChat({
    name: 'Jan Jansen',
    email: 'jan.jansen@example.nl',
    subject: 'Grofvuil ophalen',
  });
  await expect(resident.notice).toContainText(/wachtrij|helpt u nu/);

  const offer = anna.offerFor('Grofvuil ophalen');
  await expect(offer).toBeVisible();
  await anna.accept(offer);
  await expect(anna.activeContacts).toHaveCount(1);
  const contactId = (await anna.openContactEntry().getAttribute('data-contact-id')) ?? '';
  await expect(resident.notice).toContainText('Anna helpt u nu.');

  // Resident → agent
  await resident.send('Wanneer wordt het grofvuil opgehaald in de Dorpsstraat?');
  const pane = new ConversationPane(anna.page);
  await expect(pane.incoming.last()).toContainText('Wanneer wordt het grofvuil opgehaald in de Dorpsstraat?');

  // Typing both ways
  await resident.composer.pressSequentially('Nog');
  await expect(pane.typing).toContainText('typt…');
  await resident.composer.fill('');
  await pane.composer.pressSequentially('Even');
  await expect(resident.typing).toContainText('Anna typt');
  await pane.composer.fill('');

  // Agent → resident
  await pane.reply('U kunt grofvuil online aanmelden. Het wordt binnen twee weken opgehaald.');
  await expect(resident.agentMessages.last()).toContainText('U kunt grofvuil online aanmelden.');
  await resident.send('Dank u wel!');
  await expect(pane.incoming.last()).toContainText('Dank u wel!');
  await expectNoSeriousA11yViolations(resident.page, 'open widget, conversation');

  // Anna ends the chat; the resident sees the end and rates it.
  await pane.endChat();
  await expect(resident.panel).toContainText('De medewerker heeft de chat beëindigd.');
  await expect(resident.composer).toBeHidden();
  await resident.rate(4);
  await expect(resident.panel).toContainText('Bedankt voor uw beoordeling.');

  // The transcript by e-mail, only to the address given at the start.
  await resident.transcriptForm.getByRole('button', { name: 'Gesprek mailen' }).click();
  await expect(resident.panel).toContainText('We sturen het gesprek naar jan.jansen@example.nl.');
  const transcript = await smtpSink.waitFor((mail) => /^Uw chatgesprek van/.test(mail.subject ?? ''));
  expect(transcript.to && 'value' in transcript.to ? transcript.to.value[0]?.address : undefined).toBe(
    'jan.jansen@example.nl',
  );
  expect(transcript.text).toContain('Wanneer wordt het grofvuil opgehaald in de Dorpsstraat?');
  expect(transcript.text).toContain('U kunt grofvuil online aanmelden.');

  // The transcript is kept with the contact, with the rating.
  const api = await agentApi('anna');
  await expect
    .poll(async () => (await api.get<ContactContextResponse>(`/api/contacts/${contactId}/context`)).chat)
    .toMatchObject({ ended: true, endedBy: 'medewerker', rating: 4 });
  const context = await api.get<ContactContextResponse>(`/api/contacts/${contactId}/context`);
  expect(context.messages.map((m) => `${m.direction}:${m.body}`)).toEqual([
    'in:Wanneer wordt het grofvuil opgehaald in de Dorpsstraat?',
    'uit:U kunt grofvuil online aanmelden. Het wordt binnen twee weken opgehaald.',
    'in:Dank u wel!',
  ]);
});

test('@P1 a chat resumes after the resident reloads the page', async ({ openResident, loginAs }) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  const resident = await openResident();
  await resident.visit('/demo/');
  await resident.openPanel();
  await resident.startChat({ subject: 'Paspoort kwijt' });
  await anna.accept(anna.offerFor('Paspoort kwijt'));
  await expect(resident.notice).toContainText('Anna helpt u nu.');
  await resident.send('Ik ben mijn paspoort kwijt.');

  await resident.page.reload();
  await expect(resident.panel).toBeVisible();
  await expect(resident.residentMessages).toHaveCount(1);
  await expect(resident.residentMessages.first()).toContainText('Ik ben mijn paspoort kwijt.');
  await expect(resident.startForm).toBeHidden();
  await resident.send('Moet ik aangifte doen?');
  await expect(new ConversationPane(anna.page).incoming.last()).toContainText('Moet ik aangifte doen?');
});
