import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The kennisbank pane (Ctrl+K) beside the contact: search, results, the article with "Gebruik in antwoord",
 * suggestions for the open contact and the werkberichten. Works in the agent shell and the beheer shell.
 */
export class KennisbankPane {
  readonly button: Locator;
  readonly pane: Locator;
  readonly searchBox: Locator;
  readonly typeFilter: Locator;
  readonly count: Locator;
  readonly resultList: Locator;
  readonly results: Locator;
  readonly article: Locator;
  readonly articleTitle: Locator;
  readonly useInAnswer: Locator;
  readonly suggestions: Locator;
  readonly werkberichten: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByRole('button', { name: 'Kennisbank (Ctrl+K)' });
    this.pane = page.getByTestId('kennisbank-pane');
    this.searchBox = this.pane.getByRole('combobox', { name: 'Zoek in de kennisbank' });
    this.typeFilter = this.pane.getByRole('combobox', { name: 'Soort' });
    this.count = this.pane.getByTestId('kennisbank-count');
    this.resultList = this.pane.getByRole('listbox', { name: 'Resultaten' });
    this.results = this.pane.getByTestId('kennisbank-result');
    this.article = this.pane.getByTestId('kennisbank-article');
    this.articleTitle = this.article.getByRole('heading', { level: 3 });
    this.useInAnswer = this.article.getByRole('button', { name: 'Gebruik in antwoord' });
    this.suggestions = page.getByTestId('kennisbank-suggestions');
    this.werkberichten = page.getByTestId('werkberichten');
  }

  /** Ctrl+K from wherever the focus is: the pane opens with the focus in the search field. */
  async openWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+KeyK');
    await expect(this.pane).toBeVisible();
    await expect(this.searchBox).toBeFocused();
  }

  /** Types like an agent (search as you type) and waits until the answer for this text is shown. */
  async search(text: string): Promise<void> {
    await this.searchBox.fill('');
    await this.searchBox.pressSequentially(text, { delay: 20 });
    await expect(this.count).toContainText(`"${text}"`);
  }

  result(articleId: string): Locator {
    return this.results.and(this.page.locator(`[data-article-id="${articleId}"]`));
  }

  wijsOp(result: Locator): Locator {
    return result.getByTestId('wijs-op');
  }

  /** Arrow keys down to the n-th result (0-based), then Enter: the article opens beside the contact. */
  async openResultWithKeyboard(index: number): Promise<void> {
    await this.searchBox.focus();
    for (let i = 0; i <= index; i += 1) await this.page.keyboard.press('ArrowDown');
    await expect(this.results.nth(index)).toHaveAttribute('aria-selected', 'true');
    await this.page.keyboard.press('Enter');
    await expect(this.article).toBeVisible();
  }

  async indexOf(articleId: string): Promise<number> {
    const ids = await this.results.evaluateAll((els) => els.map((el) => el.getAttribute('data-article-id')));
    return ids.indexOf(articleId);
  }

  /** Escape inside the pane: from an article back to the results, then closed. */
  async closeWithKeyboard(): Promise<void> {
    await this.searchBox.focus();
    await this.page.keyboard.press('Escape');
    if (await this.pane.isVisible()) await this.page.keyboard.press('Escape');
    await expect(this.pane).toBeHidden();
  }
}

/** Kanaalsturing block and consulted sources inside the registration form. */
export class KanaalsturingBlock {
  readonly block: Locator;
  readonly gewezen: Locator;
  readonly bronnen: Locator;

  constructor(readonly page: Page) {
    const form = page.getByTestId('registration-form');
    this.block = form.getByTestId('kanaalsturing');
    this.gewezen = this.block.getByRole('checkbox', { name: 'Klant gewezen op primair kanaal' });
    this.bronnen = form.getByTestId('bronnen');
  }
}

/** The shell for beheerder / redacteur / teamleider: "Beheer kennisbank" with its tabs and article form. */
export class KennisbankBeheerPage {
  readonly view: Locator;
  readonly newArticle: Locator;
  readonly form: Locator;
  readonly rows: Locator;
  readonly listStatus: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('kennisbank-beheer');
    this.newArticle = page.getByRole('button', { name: 'Nieuw artikel' });
    this.form = page.getByTestId('article-form');
    this.rows = page.getByTestId('beheer-article-row');
    this.listStatus = page.getByTestId('article-list').getByRole('status');
  }

  async expectReady(): Promise<void> {
    await expect(this.page.locator('[data-app-state="ready"][data-view="kennisbank"]')).toBeVisible();
    await expect(this.view).toBeVisible();
  }

  tab(name: 'Artikelen' | 'Synoniemen' | 'Kanalenmatrix' | 'Kanaalsturing'): Locator {
    return this.page.getByRole('tab', { name });
  }

  formField(label: 'Titel' | 'Tekst' | 'Trefwoorden' | 'Geldig vanaf' | 'Geldig tot en met'): Locator {
    return this.form.getByRole('textbox', { name: label, exact: true });
  }

  async createArticle(input: {
    soort: string;
    titel: string;
    tekst: string;
    trefwoorden?: string;
  }): Promise<void> {
    await this.newArticle.click();
    await expect(this.form).toBeVisible();
    await this.form.getByRole('combobox', { name: 'Soort' }).selectOption({ label: input.soort });
    await this.formField('Titel').fill(input.titel);
    await this.formField('Tekst').fill(input.tekst);
    if (input.trefwoorden) await this.formField('Trefwoorden').fill(input.trefwoorden);
    await this.form.getByRole('button', { name: 'Opslaan' }).click();
    await expect(this.form).toBeHidden();
  }

  row(title: string): Locator {
    return this.rows.filter({ hasText: title });
  }

  async publish(title: string): Promise<void> {
    await this.row(title)
      .getByRole('button', { name: `Publiceren: ${title}` })
      .click();
    await expect(this.listStatus).toHaveText(`Gepubliceerd: ${title}`);
    await expect(this.row(title)).toContainText('Gepubliceerd');
  }
}
