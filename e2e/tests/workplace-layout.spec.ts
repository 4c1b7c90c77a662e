import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';
import { KennisbankPane } from '../pages/kennisbank-pane';

test.use({ viewport: { width: 1366, height: 768 } });

/** The page itself never scrolls: every column scrolls on its own. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const { scrollHeight, innerHeight } = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
    innerHeight: window.innerHeight,
  }));
  expect(scrollHeight).toBeLessThanOrEqual(innerHeight);
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element has no box');
  return b;
}

test('@P1 at 1366×768 a long chat keeps the composer in view, klantbeeld and registration beside it, and the kennisbank opens without squeezing', async ({
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
  await resident.send('Wanneer wordt het grofvuil opgehaald?');
  await expect(pane.incoming.last()).toContainText('Wanneer wordt het grofvuil opgehaald?');
  // Typed and sent with Enter, as an agent does: the focus stays in the composer.
  for (let n = 1; n <= 12; n += 1) {
    await pane.composer.fill(
      `Antwoord ${n}: u kunt grofvuil online aanmelden, het wordt binnen twee weken opgehaald.`,
    );
    await pane.composer.press('Enter');
    await expect(pane.outgoing).toHaveCount(n);
    await expect(pane.composer).toHaveValue('');
  }
  await expect(pane.messages).toHaveCount(13);

  // The composer keeps the focus and stays fully in view; the newest message is in view too.
  await expect(pane.composer).toBeFocused();
  await expect(pane.composer).toBeInViewport({ ratio: 1 });
  await expect(pane.send).toBeInViewport({ ratio: 1 });
  await expect(pane.messages.last()).toBeInViewport();
  await expectNoPageScroll(anna.page);

  // Klantbeeld and registration sit beside the conversation, not under it.
  const conversation = await box(pane.root);
  const side = await box(anna.page.getByTestId('contact-side'));
  expect(side.x).toBeGreaterThanOrEqual(conversation.x + conversation.width);
  await expect(anna.klantbeeld).toBeInViewport();
  await anna.focusRegistrationWithKeyboard();
  await expect(anna.onderwerp).toBeInViewport();
  await expectNoPageScroll(anna.page);

  // The kennisbank opens over the side column at its own width: the conversation keeps its size.
  const kennisbank = new KennisbankPane(anna.page);
  await kennisbank.openWithKeyboard();
  await kennisbank.search('grofvuil');
  await expect(kennisbank.results.first()).toBeVisible();
  expect((await box(kennisbank.resultList)).width).toBeGreaterThan(380);
  expect((await box(pane.root)).width).toBe(conversation.width);
  await expect(pane.composer).toBeInViewport({ ratio: 1 });
  await expectNoPageScroll(anna.page);
});

test('@P1 at 1366×768 the header stays one row with two-digit queue counts, which open in a popover', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  for (let n = 1; n <= 12; n += 1) {
    await inbound({
      channel: 'telefoon',
      externalId: `e2e-layout-${n}`,
      from: { phone: `06123450${String(n).padStart(2, '0')}` },
      subject: `Vraag ${n}`,
    });
  }
  await expect(anna.waitingTotal).toHaveText('12 wachtend');

  const header = anna.page.locator('header.app-header');
  const { height } = await box(header);
  expect(height).toBeLessThan(56);
  await expect(anna.page.getByRole('button', { name: 'Uitloggen' })).toBeInViewport({ ratio: 1 });

  // The count per queue in a popover; Escape closes it and returns the focus.
  const summary = header.getByRole('button', { name: /12 wachtend/ });
  await summary.click();
  const popover = anna.page.getByTestId('waiting-popover');
  await expect(popover.getByTestId('waiting-count').filter({ hasText: 'Algemeen' })).toContainText('12');
  await anna.page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(summary).toBeFocused();

  // A call with a recognised caller: klantbeeld and registration fit without scrolling the page.
  await anna.setStatus('beschikbaar');
  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.contactHeader).toBeVisible();
  await expect(anna.registrationForm).toBeVisible();
  await expect(anna.klantbeeld).toBeInViewport();
  await expectNoPageScroll(anna.page);
});
