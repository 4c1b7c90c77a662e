import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/channels';
import { KennisbankBeheerPage, KennisbankPane } from '../pages/kennisbank-pane';
import { LoginPage } from '../pages/login-page';

/** The redacteur's Kwaliteit tab in the beheer shell, in a browser context of its own. */
async function openKwaliteit(page: Page) {
  const login = new LoginPage(page);
  await login.open();
  await login.logIn('rob', 'demo');
  const beheer = new KennisbankBeheerPage(page);
  await beheer.expectReady();
  await page.getByRole('tab', { name: 'Kwaliteit' }).click();
  const report = page.getByTestId('kennisbank-kwaliteit');
  await expect(report).toBeVisible();
  return report;
}

test('@P1 a resident finds the answer with "Zoek uw vraag" before a chat; the redacteur sees the visit that needed no chat', async ({
  openResident,
  browser,
  server,
}) => {
  const resident = await openResident();
  await resident.visit('/demo/');
  await resident.openPanel();
  // No medewerker is available in this test: the search sits above the offline form (it is above the start form
  // when someone can chat).
  const start = resident.panel.getByTestId('kcc-answer-search');
  await expect(resident.section('offline')).toBeVisible();
  const searchBox = start.getByRole('searchbox', { name: 'Zoek uw vraag' });
  await searchBox.fill('paspoort aanvragen');
  await searchBox.press('Enter');

  const answers = start.getByTestId('kcc-answers');
  const paspoort = answers.locator('[data-answer-id="upl:paspoort"]');
  await expect(paspoort).toBeVisible();
  // public articles only: the agents' werkinstructie never reaches the website
  await expect(answers.locator('[data-answer-id^="wi:"]')).toHaveCount(0);
  await expect(start.getByTestId('kcc-answers-status')).toContainText('antwoord');
  const open = paspoort.getByRole('button', { name: 'Paspoort' });
  await open.focus();
  await resident.page.keyboard.press('Enter');
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  await expect(paspoort.getByTestId('kcc-answer-kanaal')).toContainText(
    'Regel dit het snelst via: website (afspraak maken)',
  );
  await expect(paspoort.locator('mark').first()).toHaveText(/paspoort/i);
  await expectNoSeriousA11yViolations(resident.page, 'widget start screen with answers');

  // The resident closes the widget without starting a chat; the redacteur's report counts that visit.
  await resident.page.keyboard.press('Escape');
  await expect(resident.panel).toBeHidden();
  const robContext = await browser.newContext({ baseURL: server.url });
  try {
    const report = await openKwaliteit(await robContext.newPage());
    await expect(report.getByTestId('publiek-zonder-chat')).toHaveText(
      '1 van 1 bezoekers openden een antwoord en begonnen daarna geen chat.',
    );
  } finally {
    await robContext.close();
  }
});

test('@P1 an agent marks a result "Dit hielp niet"; the redacteur sees the question without a good answer', async ({
  loginAs,
  browser,
  server,
}) => {
  const anna = await loginAs('anna');
  const kb = new KennisbankPane(anna.page);
  await kb.openWithKeyboard();
  await kb.search('laadpaal aanvragen');
  await kb.openResultWithKeyboard(0);
  const feedback = kb.article.getByRole('group', { name: 'Hielp dit artikel bij "laadpaal aanvragen"?' });
  await feedback.getByRole('button', { name: 'Dit hielp niet' }).click();
  await expect(feedback.getByRole('status')).toHaveText('Bedankt, de redactie ziet uw oordeel.');
  await expect(feedback.getByRole('button', { name: 'Dit hielp niet' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expectNoSeriousA11yViolations(anna.page, 'kennisbank article with feedback');

  const robContext = await browser.newContext({ baseURL: server.url });
  try {
    const report = await openKwaliteit(await robContext.newPage());
    await expect(report.getByTestId('vragen-zonder-antwoord')).toContainText(
      '"laadpaal aanvragen": 1× hielp niet',
    );
    await expectNoSeriousA11yViolations(report.page(), 'kennisbank kwaliteit tab');
  } finally {
    await robContext.close();
  }
});
