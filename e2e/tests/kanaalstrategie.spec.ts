import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/test';
import { DashboardPage } from '../pages/dashboard-page';
import { KanaalsturingBlock, KennisbankPane } from '../pages/kennisbank-pane';
import { LoginPage } from '../pages/login-page';

const LAPTOP = { width: 1366, height: 768 };
test.use({ viewport: LAPTOP });

test('@P1 a caller is pointed to the website, never back to the phone, and the team leader sees the channel used', async ({
  loginAs,
  inbound,
  browser,
  server,
}) => {
  const anna = await loginAs('anna');
  const kb = new KennisbankPane(anna.page);
  await anna.setStatus('beschikbaar');
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-kanaalstrategie-1',
    from: { phone: '0655507788' },
    subject: 'Paspoort aanvragen',
  });
  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.registrationForm).toBeVisible();

  await anna.onderwerp.focus();
  await kb.openWithKeyboard();
  await kb.search('paspoort aanvragen');
  await kb.typeFilter.selectOption({ label: 'Product' });
  const product = kb.result('upl:paspoort');
  await expect(kb.wijsOp(product)).toHaveText('Wijs op: website (afspraak maken)');
  await kb.openResultWithKeyboard(await kb.indexOf('upl:paspoort'));
  await expect(kb.articleTitle).toHaveText('Paspoort');
  // The kanalenmatrix's fallback is the phone: a caller is not told to call.
  const articleKanaal = kb.article.getByTestId('article-kanaal');
  await expect(articleKanaal).toContainText('Wijs op: website (afspraak maken)');
  await expect(articleKanaal).not.toContainText('telefoon');

  await kb.useInAnswer.click();
  const kanaal = new KanaalsturingBlock(anna.page);
  await expect(kanaal.block).toContainText('Wijs op: website (afspraak maken).');
  await expect(kanaal.block).not.toContainText('Lukt dat niet?');
  await kanaal.gewezen.check();
  await kb.closeWithKeyboard();
  await expectNoSeriousA11yViolations(anna.page, 'kanaaladvies for a caller');

  await anna.fillRegistration({
    onderwerp: 'Paspoort aanvragen',
    gespreksresultaat: 'Zelfstandig afgehandeld',
  });
  await anna.registerAndClose.click();
  await expect(anna.nawerk).toBeVisible();

  // The team leader's live board: the resident was pointed to the website but came by phone, so the share
  // served through the primary channel is 0 %, whatever the agent ticked.
  const context = await browser.newContext({ baseURL: server.url, viewport: LAPTOP, locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.open();
    await login.logIn('tess', 'demo');
    const tess = new DashboardPage(page);
    await tess.expectReady();
    await tess.kanaalstrategie.scrollIntoViewIfNeeded();
    await expect(tess.kanaalstrategie).toContainText('Via primair kanaal0 %');
    await expect(tess.kanaalstrategie).toContainText('Belofte nagekomen–');
    await expect(tess.kanaalstrategie.getByTestId('tevredenheid-per-kanaal')).toContainText(
      'nog geen beoordelingen',
    );
    await expectNoSeriousA11yViolations(page, 'dashboard with kanaalstrategie');

    await page.getByRole('button', { name: 'Rapportages', exact: true }).click();
    await expect(tess.reports.getByTestId('report-tiles')).toContainText('Via primair kanaal0 %');
    await expect(tess.reports.getByTestId('report-tiles')).toContainText('Contacten per vraag');
  } finally {
    await context.close();
  }
});
