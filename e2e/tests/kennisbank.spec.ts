import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test, VIEWPORT } from '../fixtures/test';
import { KanaalsturingBlock, KennisbankBeheerPage, KennisbankPane } from '../pages/kennisbank-pane';
import { LoginPage } from '../pages/login-page';

/** Logs a non-agent demo user (bea, rob, tess) into the beheer shell in a browser context of their own. */
async function openBeheer(page: Page, username: 'bea' | 'rob' | 'tess'): Promise<KennisbankBeheerPage> {
  const login = new LoginPage(page);
  await login.open();
  await login.logIn(username, 'demo');
  const beheer = new KennisbankBeheerPage(page);
  await beheer.expectReady();
  return beheer;
}

test('@P0 an agent finds "paspoord aanvragen" with Ctrl+K, uses the article in the answer and registers the kanaalsturing', async ({
  loginAs,
  inbound,
  request,
}) => {
  const anna = await loginAs('anna');
  const kb = new KennisbankPane(anna.page);
  await anna.setStatus('beschikbaar');
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-kennisbank-1',
    from: { phone: '0655501234' },
    subject: 'Paspoort aanvragen',
  });
  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.registrationForm).toBeVisible();

  // Suggestions for the open contact, from its subject.
  await expect(kb.suggestions.getByRole('listitem')).toHaveCount(3);

  // Ctrl+K works from inside a text field too.
  await anna.onderwerp.focus();
  await kb.openWithKeyboard();
  await kb.search('paspoord aanvragen');
  // Typo tolerant: the best answer is about the paspoort, with the matched words highlighted.
  await expect(kb.results.first()).toContainText(/paspoort/i);
  await expect(kb.results.first().locator('mark').first()).toBeVisible();
  // The product (with its kanalenmatrix entry) is one filter away.
  await kb.typeFilter.selectOption({ label: 'Product' });
  await expect(kb.results.first()).toContainText('Product');
  const product = kb.result('upl:paspoort');
  await expect(product).toBeVisible();
  await expect(kb.wijsOp(product)).toHaveText('Wijs op: website (afspraak maken)');
  await expectNoSeriousA11yViolations(anna.page, 'kennisbank pane with results');

  await kb.openResultWithKeyboard(await kb.indexOf('upl:paspoort'));
  await expect(kb.articleTitle).toHaveText('Paspoort');
  await expect(kb.articleTitle).toBeFocused();
  // Beside the contact: the registration form and the article are both on screen, the article to the right.
  await expect(anna.registrationForm).toBeInViewport();
  await expect(kb.article).toBeInViewport();
  const formBox = (await anna.registrationForm.boundingBox())!;
  const articleBox = (await kb.article.boundingBox())!;
  expect(articleBox.x).toBeGreaterThanOrEqual(formBox.x + formBox.width);
  await expectNoSeriousA11yViolations(anna.page, 'kennisbank article beside the contact');

  await kb.useInAnswer.click();
  await expect(anna.antwoord).toHaveValue(/Uniforme productnaam: paspoort/);
  const kanaal = new KanaalsturingBlock(anna.page);
  await expect(kanaal.block).toContainText('Wijs op: website (afspraak maken)');
  await expect(kanaal.bronnen).toContainText('Paspoort');
  await kanaal.gewezen.check();
  await kb.closeWithKeyboard();

  await anna.fillRegistration({
    onderwerp: 'Paspoort aanvragen',
    gespreksresultaat: 'Zelfstandig afgehandeld',
  });
  await anna.registerAndClose.click();
  await expect(anna.nawerk).toBeVisible();

  // The server recorded it: the teamleider's KPI counts one resident pointed to the primary channel.
  const login = await request.post('/api/auth/login', { data: { username: 'tess', password: 'demo' } });
  expect(login.status()).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const stats = await request.get('/api/kennisbank/kanaalsturing/stats', {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(stats.status()).toBe(200);
  expect(await stats.json()).toMatchObject({
    total: 1,
    gewezenOpPrimairKanaal: 1,
    nietGewezen: 0,
    aandeelGewezen: 1,
    perProduct: [
      { product: 'paspoort', primairKanaal: 'website (afspraak maken)', total: 1, gewezenOpPrimairKanaal: 1 },
    ],
  });
});

test('@P0 a beheerder creates and publishes an article and an agent finds it at once', async ({
  browser,
  server,
  loginAs,
}) => {
  const title = 'Kattenluikvergunning aanvragen bij de gemeente';
  const beaContext = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT, locale: 'nl-NL' });
  try {
    const bea = await openBeheer(await beaContext.newPage(), 'bea');
    await expect(bea.page.getByRole('heading', { name: 'Beheer kennisbank', level: 1 })).toBeVisible();
    await expect(bea.rows.first()).toBeVisible();
    await expectNoSeriousA11yViolations(bea.page, 'beheer kennisbank (articles)');

    await bea.newArticle.click();
    await bea.form.getByRole('button', { name: 'Opslaan' }).click();
    await expect(bea.formField('Titel')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousA11yViolations(bea.page, 'beheer article form with errors');
    await bea.form.getByRole('button', { name: 'Annuleren' }).click();

    await bea.createArticle({
      soort: 'Werkinstructie',
      titel: title,
      tekst:
        'Een kattenluikvergunning is niet nodig.\n\n- Leg uit dat een kattenluik vergunningvrij is.\n- Bij een monument: verwijs naar Omgevingsloket.',
      trefwoorden: 'kattenluik, kat',
    });
    await expect(bea.listStatus).toHaveText(`Opgeslagen: ${title} (concept)`);

    // A concept is not searchable for agents.
    const anna = await loginAs('anna');
    const kb = new KennisbankPane(anna.page);
    await kb.button.click();
    await expect(kb.searchBox).toBeFocused();
    await kb.search('kattenluikvergunning');
    await expect(kb.result((await bea.rows.first().getAttribute('data-article-id'))!)).toHaveCount(0);

    await bea.publish(title);

    // Opening the kennisbank again revalidates the last search: the article is there at once.
    await kb.closeWithKeyboard();
    await kb.openWithKeyboard();
    await expect(kb.searchBox).toHaveValue('kattenluikvergunning');
    await expect(kb.results.first()).toContainText(title);
    // And a new search finds it by a part of the compound word.
    await kb.search('kattenluik');
    await expect(kb.results.first()).toContainText(title);
    await expect(kb.results.first()).toContainText('Werkinstructie');
    await kb.openResultWithKeyboard(0);
    await expect(kb.articleTitle).toHaveText(title);
    await expect(kb.article.getByRole('listitem')).toHaveCount(2);
    // No contact open: the answer button is replaced by an explanation.
    await expect(kb.useInAnswer).toHaveCount(0);

    await bea.tab('Synoniemen').click();
    await expect(bea.page.getByRole('textbox', { name: 'Synoniemenlijst' })).toHaveValue(/kliko: /);
    await bea.tab('Kanalenmatrix').click();
    await expect(bea.page.getByTestId('kanalenmatrix-row').first()).toBeVisible();
    await expectNoSeriousA11yViolations(bea.page, 'beheer kanalenmatrix');
  } finally {
    await beaContext.close();
  }
});
