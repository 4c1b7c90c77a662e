import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

test.use({ viewport: { width: 1366, height: 768 } });

test('@P1 keyboard only: Alt+Z klant opzoeken, Alt+T doorverbinden and Alt+X chat beëindigen, all listed in the shortcut overview', async ({
  loginAs,
  openResident,
}) => {
  const anna = await loginAs('anna');
  const { page } = anna;
  await anna.setStatus('beschikbaar');
  const resident = await openResident();
  await resident.visit('/demo/afval.html');
  await resident.openPanel();
  await resident.startChat({
    name: 'Jan Jansen',
    email: 'jan.jansen@example.nl',
    subject: 'Grofvuil ophalen',
  });
  await expect(anna.offerFor('Grofvuil ophalen')).toBeVisible();
  await anna.acceptFirstOfferWithKeyboard();
  const pane = new ConversationPane(page);
  await expect(pane.root).toHaveAttribute('data-channel', 'chat');

  // The overview lists the new keys.
  await anna.openShortcutHelp();
  for (const key of ['Alt+Z', 'Alt+T', 'Alt+X']) await expect(anna.shortcutHelp).toContainText(key);
  await anna.closeShortcutHelpWithKeyboard();

  await page.keyboard.press('Alt+KeyZ');
  await expect(page.getByTestId('klant-zoeken')).toBeVisible();
  await page.getByRole('button', { name: 'Klant opzoeken', exact: true }).press('Enter');
  await expect(page.getByTestId('klant-zoeken')).toBeHidden();

  await pane.composer.focus();
  await page.keyboard.press('Alt+KeyT');
  await expect(pane.transferDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pane.transferDialog).toBeHidden();

  await page.keyboard.press('Alt+KeyX');
  await expect(pane.chatEnded).toBeVisible();
  await expect(resident.panel).toContainText('De medewerker heeft de chat beëindigd.');
});
