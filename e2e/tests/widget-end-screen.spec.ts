import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

test.use({ viewport: { width: 1366, height: 768 } });

test('@P1 after a normal-length chat the widget’s end screen shows rating, "Gesprek mailen" and "Nieuwe chat starten" in full', async ({
  loginAs,
  openResident,
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
  await anna.accept(anna.offerFor('Grofvuil ophalen'));

  const pane = new ConversationPane(anna.page);
  for (let n = 1; n <= 5; n += 1) {
    await resident.send(`Vraag ${n}: wanneer wordt het grofvuil in de Dorpsstraat opgehaald?`);
    await expect(pane.incoming).toHaveCount(n);
    await pane.reply(
      `Antwoord ${n}: u kunt grofvuil online aanmelden; het wordt binnen twee weken opgehaald.`,
    );
  }
  await pane.endChat();

  const after = resident.page.getByTestId('kcc-after');
  await expect(resident.ratingForm).toBeVisible();
  // Not squeezed: the end screen is as tall as its content, and each control is fully visible in the panel.
  const { clientHeight, scrollHeight } = await after.evaluate((el) => ({
    clientHeight: el.clientHeight,
    scrollHeight: el.scrollHeight,
  }));
  expect(clientHeight).toBeGreaterThanOrEqual(scrollHeight);
  expect(clientHeight).toBeGreaterThan(200);
  await expect(resident.ratingForm.getByRole('radio', { name: '5 sterren' })).toBeInViewport({ ratio: 1 });
  await expect(after.getByRole('button', { name: 'Beoordeling versturen' })).toBeInViewport({ ratio: 1 });
  await expect(after.getByRole('button', { name: 'Gesprek mailen' })).toBeInViewport({ ratio: 1 });
  await expect(after.getByRole('button', { name: 'Nieuwe chat starten' })).toBeInViewport({ ratio: 1 });
  // The transcript stays readable above it, in its own scroll area.
  await expect(resident.messages.last()).toBeAttached();
});
