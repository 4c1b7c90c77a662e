import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The privacy officer's screen: the verwerkingenlog per BSN, the export and the chain check. */
export class PrivacyPage {
  readonly view: Locator;
  readonly bsn: Locator;
  readonly zoeken: Locator;
  readonly count: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly exportJson: Locator;
  readonly exportCsv: Locator;
  readonly exportDone: Locator;
  readonly chainStatus: Locator;

  constructor(readonly page: Page) {
    this.view = page.locator('[data-app-state="ready"][data-view="privacy"]');
    this.bsn = page.getByRole('textbox', { name: 'BSN van de inwoner' });
    this.zoeken = page
      .getByRole('search', { name: 'Verwerkingen zoeken' })
      .getByRole('button', { name: 'Zoeken' });
    this.count = page.getByTestId('verwerkingen-count');
    this.table = page.getByTestId('verwerkingen-table');
    this.rows = this.table.getByTestId('verwerkingsactie');
    this.exportJson = page.getByRole('button', { name: 'Exporteren als JSON' });
    this.exportCsv = page.getByRole('button', { name: 'Exporteren als CSV' });
    this.exportDone = page.getByTestId('export-done');
    this.chainStatus = page.getByTestId('chain-status');
  }

  async expectReady(): Promise<void> {
    await expect(this.view).toBeVisible();
  }

  async searchBsn(bsn: string): Promise<void> {
    await this.bsn.fill(bsn);
    await this.zoeken.click();
    await expect(this.count).toBeVisible();
  }

  /** Rows of the table that are not the privacy officer's own reads. */
  rowsOfActiviteit(code: string): Locator {
    return this.table.locator(`[data-testid="verwerkingsactie"][data-activiteit="${code}"]`);
  }

  /** Clicks an export button and returns the file the browser downloaded. */
  async export(format: 'json' | 'csv'): Promise<{ download: Download; text: string }> {
    const downloaded = this.page.waitForEvent('download');
    await (format === 'json' ? this.exportJson : this.exportCsv).click();
    const download = await downloaded;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    await expect(this.exportDone).toContainText(download.suggestedFilename());
    return { download, text: Buffer.concat(chunks).toString('utf8') };
  }
}
