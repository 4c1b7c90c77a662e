import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

test('@P1 Anna transfers a chat to Bram with a note; Bram gets the whole context and the resident is not asked again', async ({
  openResident,
  loginAs,
}) => {
  const anna = await loginAs('anna');
  const bram = await loginAs('bram');
  await anna.setStatus('beschikbaar');

  const resident = await openResident();
  await resident.visit('/demo/parkeren.html');
  await resident.openPanel();
  await resident.startChat({ name: 'Fatima El Amrani', subject: 'Bezoekersvergunning' });
  await anna.accept(anna.offerFor('Bezoekersvergunning'));
  await expect(resident.notice).toContainText('Anna helpt u nu.');

  await resident.send('Mijn bezoekersvergunning werkt niet meer sinds de verhuizing.');
  const annaPane = new ConversationPane(anna.page);
  await expect(annaPane.incoming.last()).toContainText('werkt niet meer sinds de verhuizing');
  await annaPane.reply('Ik verbind u door met een collega van parkeren.');
  await expect(resident.agentMessages.last()).toContainText('Ik verbind u door');

  await bram.setStatus('beschikbaar');
  const note = 'Verhuisd binnen de gemeente; vergunning staat nog op het oude adres.';
  await annaPane.transfer({ toColleague: 'Bram Jansen', note });
  await expect(anna.activeContacts).toHaveCount(0);

  const offer = bram.offerFor('Bezoekersvergunning');
  await expect(offer).toBeVisible();
  await bram.accept(offer);
  await expect(bram.activeContacts).toHaveCount(1);

  // Bram sees the conversation so far and Anna's note.
  const bramPane = new ConversationPane(bram.page);
  await expect(bramPane.incoming.first()).toContainText('werkt niet meer sinds de verhuizing');
  await expect(bramPane.outgoing.first()).toContainText('Ik verbind u door');
  await expect(bramPane.transferBanner).toContainText('Overgedragen door Anna de Vries');
  await expect(bramPane.transferBanner).toContainText(note);

  // The resident stays in the same conversation: no start form, nothing to repeat.
  await expect(resident.notice).toContainText('Bram helpt u nu.');
  await expect(resident.startForm).toBeHidden();
  await expect(resident.residentMessages).toHaveCount(1);
  await bramPane.reply('Ik zet de vergunning op uw nieuwe adres. Dat is binnen een uur geregeld.');
  await expect(resident.agentMessages.last()).toContainText('Ik zet de vergunning op uw nieuwe adres.');
  await resident.send('Top, dank u wel.');
  await expect(bramPane.incoming.last()).toContainText('Top, dank u wel.');
});
