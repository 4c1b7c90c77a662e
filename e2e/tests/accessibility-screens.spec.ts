import type { Browser, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';
import { DashboardPage } from '../pages/dashboard-page';
import { KennisbankBeheerPage, KennisbankPane } from '../pages/kennisbank-pane';
import { LoginPage } from '../pages/login-page';
import { PrivacyPage } from '../pages/privacy-page';

test.use({ viewport: { width: 1366, height: 768 } });

/** Every screen and state at the common municipal laptop size (issue 14 §11); each step names its screen. */

async function loginOther(browser: Browser, baseURL: string, user: 'tess' | 'bea' | 'priya'): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 768 },
    locale: 'nl-NL',
  });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.open();
  await login.logIn(user, 'demo');
  return page;
}

test('@P1 each channel’s contact view with messages, every agent dialog and the widget’s states have no serious WCAG 2.1 AA violations', async ({
  loginAs,
  openResident,
  sendMail,
  webform,
}) => {
  // Many screens in one journey: a longer hang guard, not a speed target.
  test.slow();
  const resident = await openResident();
  await test.step('widget: launcher and offline form (nobody on duty)', async () => {
    await resident.visit('/demo/afval.html');
    await expectNoSeriousA11yViolations(resident.page, 'widget launcher');
    await resident.openPanel();
    await expect(resident.offlineForm).toBeVisible();
    await expectNoSeriousA11yViolations(resident.page, 'widget offline form');
  });

  const anna = await loginAs('anna');
  const { page } = anna;
  const pane = new ConversationPane(page);
  await anna.setStatus('beschikbaar');

  await test.step('e-mail contact with a thread', async () => {
    await sendMail({
      from: 'Fatima El Amrani <fatima.elamrani@example.com>',
      subject: 'Afvalpas kwijt',
      messageId: '<e2e-a11y-mail-1@mail.example.com>',
      text: 'Goedemiddag,\n\nIk ben mijn afvalpas kwijt. Hoe vraag ik een nieuwe aan?\n\nFatima',
    });
    await anna.accept(anna.offerFor('Afvalpas kwijt'));
    await expect(pane.root).toHaveAttribute('data-channel', 'email');
    await expect(pane.messages).toHaveCount(2);
    await pane.reply('U kunt een nieuwe afvalpas aanvragen via Mijn Gemeente.');
    // Her mail, the automatic receipt and the reply.
    await expect(pane.messages).toHaveCount(3);
    await expectNoSeriousA11yViolations(page, 'e-mail contact with a thread');
  });

  await test.step('dialogs: doorverbinden, overleggen, terugbelverzoek, meldingen', async () => {
    const dialogs = [
      { button: 'Doorverbinden', testId: 'transfer-dialog' },
      { button: 'Overleggen met collega', testId: 'consult-dialog' },
      { button: 'Terugbelverzoek maken', testId: 'callback-dialog' },
    ];
    for (const { button, testId } of dialogs) {
      await pane.handoverActions.getByRole('button', { name: button }).click();
      await expect(page.getByTestId(testId)).toBeVisible();
      await expectNoSeriousA11yViolations(page, `${button} dialog`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId(testId)).toBeHidden();
    }
    await page.getByRole('button', { name: 'Meldingen', exact: true }).click();
    await expect(page.getByTestId('offer-alert-settings')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'meldingen dialog');
    await page.keyboard.press('Escape');
  });

  await test.step('klant opzoeken over the contact', async () => {
    await page.getByRole('button', { name: 'Klant opzoeken', exact: true }).click();
    await expect(page.getByTestId('klant-zoeken-layer')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'klant opzoeken');
    await page.getByRole('button', { name: 'Klant opzoeken', exact: true }).click();
    await expect(page.getByTestId('klant-zoeken-layer')).toBeHidden();
  });

  await test.step('kennisbank with results and an article', async () => {
    const kennisbank = new KennisbankPane(page);
    await kennisbank.openWithKeyboard();
    await kennisbank.search('afvalpas');
    await expectNoSeriousA11yViolations(page, 'kennisbank results');
    await kennisbank.results.first().click();
    await expect(kennisbank.article).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'kennisbank article');
    await kennisbank.pane.getByRole('button', { name: 'Kennisbank sluiten' }).click();
    await expect(kennisbank.pane).toBeHidden();
  });

  await test.step('webformulier contact', async () => {
    await webform({
      formulier: 'Melding openbare ruimte',
      inzendingId: 'a11y-4711',
      velden: { Locatie: 'Dorpsstraat 12', Omschrijving: 'Losse stoeptegel' },
      indiener: { naam: 'Jan Jansen', email: 'jan.jansen@example.nl' },
    });
    await anna.accept(anna.offerFor('Melding openbare ruimte'));
    await expect(pane.root).toHaveAttribute('data-channel', 'webformulier');
    // The submission and the automatic receipt.
    await expect(pane.messages).toHaveCount(2);
    await expectNoSeriousA11yViolations(page, 'webformulier contact');
  });

  await test.step('chat: widget start, waiting, conversation; workplace chat contact', async () => {
    await resident.page.reload();
    await resident.openPanel();
    await expect(resident.startForm).toBeVisible();
    await expectNoSeriousA11yViolations(resident.page, 'widget start form');
    await resident.startChat({
      name: 'Jan Jansen',
      email: 'jan.jansen@example.nl',
      subject: 'Grofvuil ophalen',
    });
    await expectNoSeriousA11yViolations(resident.page, 'widget waiting');
    await anna.accept(anna.offerFor('Grofvuil ophalen'));
    await expect(pane.root).toHaveAttribute('data-channel', 'chat');
    await resident.send('Wanneer wordt het grofvuil opgehaald?');
    await expect(pane.incoming.last()).toContainText('Wanneer wordt het grofvuil opgehaald?');
    await pane.reply('Binnen twee weken.');
    await expectNoSeriousA11yViolations(page, 'chat contact with messages');
    await expectNoSeriousA11yViolations(resident.page, 'widget conversation');
    await pane.endChat();
    await expect(resident.ratingForm).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'chat contact ended');
    await expectNoSeriousA11yViolations(resident.page, 'widget ended');
  });
});

test('@P1 the team leader’s dashboard, wallboard and reports have no serious WCAG 2.1 AA violations', async ({
  browser,
  server,
}) => {
  const page = await loginOther(browser, server.url, 'tess');
  const dashboard = new DashboardPage(page);
  await dashboard.expectReady();
  await expectNoSeriousA11yViolations(page, 'dashboard');
  await dashboard.openWallboard();
  await expectNoSeriousA11yViolations(page, 'wallboard');
  await dashboard.closeWallboard();
  await dashboard.openReports();
  await expectNoSeriousA11yViolations(page, 'reports');
  await page.context().close();
});

test('@P1 every beheer tab and the privacy screen have no serious WCAG 2.1 AA violations', async ({
  browser,
  server,
}) => {
  // Many screens in one journey: a longer hang guard, not a speed target.
  test.slow();
  const bea = await loginOther(browser, server.url, 'bea');
  const beheer = new KennisbankBeheerPage(bea);
  await beheer.expectReady();
  for (const tab of ['Artikelen', 'Synoniemen', 'Kanalenmatrix', 'Kanaalsturing'] as const) {
    await beheer.tab(tab).click();
    await expect(beheer.tab(tab)).toHaveAttribute('aria-selected', 'true');
    await expectNoSeriousA11yViolations(bea, `beheer: ${tab}`);
  }
  for (const section of [
    'Rapportages',
    'Snelle antwoorden',
    'Onderwerpen',
    'Ontvangstbevestiging',
    'Koppelingen',
  ]) {
    const button = bea.getByRole('button', { name: section, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
    await expectNoSeriousA11yViolations(bea, `beheer: ${section}`);
  }
  await bea.context().close();

  const priya = await loginOther(browser, server.url, 'priya');
  const privacy = new PrivacyPage(priya);
  await privacy.expectReady();
  await expectNoSeriousA11yViolations(priya, 'privacy, empty');
  await privacy.searchBsn('999993653');
  await expectNoSeriousA11yViolations(priya, 'privacy, verwerkingen of a BSN');
  await priya.context().close();
});
