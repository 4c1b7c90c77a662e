import { expect, type Locator, type Page } from '@playwright/test';

export interface StartChatInput {
  name?: string;
  email?: string;
  subject?: string;
}

/**
 * A resident on the demo municipal website (`/demo/`) with the chat widget. The widget lives in an open shadow
 * root; Playwright's CSS and role selectors pierce it. The only place that knows the widget's selectors
 * (apps/widget/README.md "Selectors for end-to-end tests").
 */
export class WidgetPage {
  readonly host: Locator;
  readonly launcher: Locator;
  readonly panel: Locator;
  readonly startForm: Locator;
  readonly notice: Locator;
  readonly error: Locator;
  readonly log: Locator;
  readonly messages: Locator;
  readonly residentMessages: Locator;
  readonly agentMessages: Locator;
  readonly typing: Locator;
  readonly composer: Locator;
  readonly endChat: Locator;
  readonly ratingForm: Locator;
  readonly transcriptForm: Locator;
  readonly offlineForm: Locator;

  constructor(readonly page: Page) {
    this.host = page.locator('#kcc-chat-widget');
    this.launcher = page.getByTestId('kcc-launcher');
    this.panel = page.getByTestId('kcc-panel');
    this.startForm = page.getByTestId('kcc-start-form');
    this.notice = page.getByTestId('kcc-notice');
    this.error = page.getByTestId('kcc-error');
    this.log = page.getByTestId('kcc-log');
    this.messages = this.log.getByTestId('kcc-message');
    this.residentMessages = page.locator('[data-testid="kcc-message"][data-from="inwoner"]');
    this.agentMessages = page.locator('[data-testid="kcc-message"][data-from="medewerker"]');
    this.typing = page.getByTestId('kcc-typing');
    this.composer = page.getByTestId('kcc-composer');
    this.endChat = page.getByTestId('kcc-end');
    this.ratingForm = page.getByTestId('kcc-rating-form');
    this.transcriptForm = page.getByTestId('kcc-transcript-form');
    this.offlineForm = page.getByTestId('kcc-offline-form');
  }

  /** Opens a page of the demo site and waits until the widget's launcher is there. */
  async visit(path = '/demo/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.launcher).toBeVisible();
  }

  section(name: 'start' | 'waiting' | 'conversation' | 'offline' | 'offline-sent'): Locator {
    return this.panel.locator(`[data-section="${name}"]`);
  }

  async openPanel(): Promise<void> {
    await this.launcher.click();
    await expect(this.panel).toBeVisible();
    await expect(this.launcher).toHaveAttribute('aria-expanded', 'true');
  }

  async startChat(input: StartChatInput = {}): Promise<void> {
    await expect(this.startForm).toBeVisible();
    if (input.name !== undefined) await this.startForm.locator('input[name=name]').fill(input.name);
    if (input.email !== undefined) await this.startForm.locator('input[name=email]').fill(input.email);
    if (input.subject !== undefined) await this.startForm.locator('input[name=subject]').fill(input.subject);
    await this.startForm.getByRole('button', { name: 'Chat starten' }).click();
    await expect(this.startForm).toBeHidden();
  }

  /** Types a message and sends it with Enter; waits until the server acknowledged it. */
  async send(text: string): Promise<void> {
    const before = await this.residentMessages.count();
    await this.composer.fill(text);
    await this.composer.press('Enter');
    const sent = this.residentMessages.nth(before);
    await expect(sent).toContainText(text);
    await expect(sent).toHaveClass(/\bsent\b/);
  }

  async rate(score: 1 | 2 | 3 | 4 | 5): Promise<void> {
    await expect(this.ratingForm).toBeVisible();
    await this.ratingForm.getByRole('radio', { name: score === 1 ? '1 ster' : `${score} sterren` }).check();
    await this.ratingForm.getByRole('button', { name: 'Beoordeling versturen' }).click();
  }
}
