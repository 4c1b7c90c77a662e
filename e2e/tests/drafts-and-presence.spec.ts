import type { MeResponse } from '@kcc/contracts/rest';
import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

test.use({
  viewport: { width: 1366, height: 768 },
  channelEnv: { KCC_DISCONNECT_GRACE_MS: '1500' },
});

test('@P1 reply and registration drafts survive a reload; a status the server changed while the connection was gone is told with its reason', async ({
  loginAs,
  sendMail,
  agentApi,
}) => {
  const anna = await loginAs('anna');
  const { page } = anna;
  await anna.setStatus('beschikbaar');
  await sendMail({
    from: 'Fatima El Amrani <fatima.elamrani@example.com>',
    subject: 'Afvalpas kwijt',
    messageId: '<e2e-drafts-1@mail.example.com>',
    text: 'Ik ben mijn afvalpas kwijt. Hoe vraag ik een nieuwe aan?',
  });
  await anna.accept(anna.offerFor('Afvalpas kwijt'));
  const pane = new ConversationPane(page);
  await expect(pane.incoming).toHaveCount(1);

  await pane.composer.fill('U kunt een nieuwe afvalpas aanvragen via Mijn Gemeente.');
  await anna.onderwerp.fill('Afvalpas');
  await anna.vraag.fill('Afvalpas kwijt, hoe een nieuwe aanvragen?');

  await page.reload();
  await anna.expectReady();
  await expect(pane.composer).toHaveValue('U kunt een nieuwe afvalpas aanvragen via Mijn Gemeente.');
  await expect(anna.onderwerp).toHaveValue('Afvalpas');
  await expect(anna.vraag).toHaveValue('Afvalpas kwijt, hoe een nieuwe aanvragen?');

  // Sent: the reply draft is gone, also after the next reload; the registration draft stays until registered.
  const sentBefore = await pane.outgoing.count();
  await pane.send.click();
  await expect(pane.outgoing).toHaveCount(sentBefore + 1);
  await expect(pane.outgoing.last()).toContainText('U kunt een nieuwe afvalpas aanvragen');
  await expect(pane.composer).toHaveValue('');
  await page.reload();
  await anna.expectReady();
  await expect(pane.composer).toHaveValue('');
  await expect(anna.onderwerp).toHaveValue('Afvalpas');

  // Pauze, then the connection is gone longer than the grace: the server sets her offline. Back online, the
  // workplace says what happened and why, and the connection banner is gone.
  await anna.setStatus('pauze');
  const api = await agentApi('anna');
  await page.context().setOffline(true);
  await expect(anna.connectionLost).toBeVisible();
  await expect.poll(async () => (await api.get<MeResponse>('/api/me')).state.presence).toBe('offline');
  await page.context().setOffline(false);
  await expect(anna.connectionLost).toBeHidden();
  const notice = page.getByTestId('presence-change-notice');
  await expect(notice).toContainText('niet meer op Pauze maar op Offline');
  await anna.expectStatus('offline');
  await page.keyboard.press('Alt+KeyD');
  await anna.expectStatus('beschikbaar');
  await expect(notice).toBeHidden();
});
