import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

/** The resident's side of co-browse, inside the widget's shadow root on the demo site. */
export class ResidentCobrowse {
  readonly help: Locator;
  readonly codePanel: Locator;
  readonly code: Locator;
  readonly consent: Locator;
  readonly controlConsent: Locator;
  readonly banner: Locator;
  readonly stop: Locator;
  readonly takeBack: Locator;
  readonly pointer: Locator;
  readonly highlight: Locator;
  readonly live: Locator;

  constructor(readonly page: Page) {
    this.help = page.getByTestId('kcc-cobrowse-help');
    this.codePanel = page.getByTestId('kcc-cobrowse-code-panel');
    this.code = page.getByTestId('kcc-cobrowse-code');
    this.consent = page.getByRole('alertdialog', { name: /^Mag .* meekijken\?$/ });
    this.controlConsent = page.getByRole('alertdialog', { name: /^Mag .* uw scherm bedienen\?$/ });
    this.banner = page.getByTestId('kcc-cobrowse-banner');
    this.stop = this.banner.getByRole('button', { name: 'Stoppen' });
    this.takeBack = this.banner.getByRole('button', { name: 'Bediening terugnemen' });
    this.pointer = page.getByTestId('kcc-cobrowse-pointer');
    this.highlight = page.getByTestId('kcc-cobrowse-highlight');
    this.live = page.getByTestId('kcc-cobrowse-live');
  }

  /** "Hulp van een medewerker": returns the 6 digits the resident reads out. */
  async askCode(): Promise<string> {
    await this.help.click();
    await expect(this.code).toBeVisible();
    const code = ((await this.code.textContent()) ?? '').replace(/\s+/g, '');
    expect(code).toMatch(/^[0-9]{6}$/);
    return code;
  }

  async allow(): Promise<void> {
    await expect(this.consent).toBeVisible();
    await this.consent.getByRole('button', { name: 'Toestaan' }).click();
    await expect(this.banner).toContainText('Een medewerker van de gemeente kijkt mee');
  }

  async refuse(): Promise<void> {
    await expect(this.consent).toBeVisible();
    await this.consent.getByRole('button', { name: 'Weigeren' }).click();
    await expect(this.consent).toBeHidden();
  }
}

/** The agent's co-browse pane in the open contact. */
export class AgentCobrowse {
  readonly pane: Locator;
  readonly start: Locator;
  readonly codeInput: Locator;
  readonly redeem: Locator;
  readonly status: Locator;
  readonly error: Locator;
  readonly url: Locator;
  readonly viewport: Locator;
  readonly notShared: Locator;
  readonly layer: Locator;
  readonly replay: FrameLocator;
  readonly askControl: Locator;
  readonly controlMode: Locator;
  readonly end: Locator;

  constructor(readonly page: Page) {
    this.pane = page.getByTestId('cobrowse-pane');
    this.start = this.pane.getByRole('button', { name: 'Meekijken' });
    this.codeInput = this.pane.getByLabel('Code van de inwoner');
    this.redeem = this.pane.getByRole('button', { name: 'Code invoeren' });
    this.status = this.pane.getByTestId('cobrowse-status');
    this.error = this.pane.getByTestId('cobrowse-error');
    this.url = this.pane.getByTestId('cobrowse-url');
    this.viewport = this.pane.getByTestId('cobrowse-viewport');
    this.notShared = this.pane.getByTestId('cobrowse-not-shared');
    this.layer = this.pane.getByTestId('cobrowse-pointer-layer');
    this.replay = this.pane.getByTestId('cobrowse-replay').frameLocator('iframe');
    this.askControl = this.pane.getByRole('button', { name: 'Bediening vragen' });
    this.controlMode = this.pane.getByRole('radio', { name: /^Bedienen/ });
    this.end = this.pane.getByRole('button', { name: 'Stoppen met meekijken' });
  }

  async enterCode(code: string): Promise<void> {
    await this.codeInput.fill(code);
    await this.redeem.click();
  }

  /** Clicks the pointer layer where `target` (an element in the replay) is drawn. */
  async clickOnReplayed(target: Locator): Promise<void> {
    const box = await target.boundingBox();
    const layer = await this.layer.boundingBox();
    if (!box || !layer) throw new Error('element or replay not visible');
    await this.layer.click({
      position: { x: box.x - layer.x + box.width / 2, y: box.y - layer.y + box.height / 2 },
    });
  }
}
