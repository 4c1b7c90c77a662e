import { expect, type Locator, type Page } from '@playwright/test';

export interface TransferInput {
  /** A colleague's name as shown in the list, e.g. "Bram Jansen". */
  toAgent: string;
  note: string;
}

export interface CallbackInput {
  telefoonnummer: string;
  notitie?: string;
}

/**
 * The open contact's conversation in the workplace: transcript (chat, e-mail, web form), composer and the
 * channel actions (end chat, transfer, terugbelverzoek). The only place that knows its selectors
 * (apps/workplace/README.md "For e2e tests").
 */
export class ConversationPane {
  readonly root: Locator;
  readonly messages: Locator;
  readonly incoming: Locator;
  readonly outgoing: Locator;
  readonly typing: Locator;
  readonly composer: Locator;
  readonly send: Locator;
  readonly transferNote: Locator;
  readonly callback: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('conversation');
    this.messages = this.root.getByTestId('message');
    this.incoming = this.root.locator('[data-testid="message"][data-direction="in"]');
    this.outgoing = this.root.locator('[data-testid="message"][data-direction="out"]');
    this.typing = this.root.getByTestId('typing');
    this.composer = this.root.getByTestId('composer');
    this.send = this.root.getByRole('button', { name: 'Versturen' });
    this.transferNote = page.getByTestId('transfer-note');
    this.callback = page.getByTestId('callback');
  }

  async reply(text: string): Promise<void> {
    const before = await this.outgoing.count();
    await this.composer.fill(text);
    await this.send.click();
    await expect(this.outgoing.nth(before)).toContainText(text);
  }

  async endChat(): Promise<void> {
    await this.root.getByRole('button', { name: 'Chat beëindigen' }).click();
  }

  async transfer(input: TransferInput): Promise<void> {
    await this.page.getByRole('button', { name: 'Doorverbinden' }).click();
    const dialog = this.page.getByTestId('transfer-dialog');
    await dialog.getByRole('radio', { name: input.toAgent }).check();
    await dialog.getByRole('textbox', { name: 'Notitie' }).fill(input.note);
    await dialog.getByRole('button', { name: 'Doorverbinden' }).click();
  }

  async createCallback(input: CallbackInput): Promise<void> {
    await this.page.getByRole('button', { name: 'Terugbelverzoek' }).click();
    const form = this.page.getByTestId('callback-form');
    await form.getByRole('textbox', { name: 'Telefoonnummer' }).fill(input.telefoonnummer);
    if (input.notitie !== undefined) await form.getByRole('textbox', { name: 'Notitie' }).fill(input.notitie);
    await form.getByRole('button', { name: 'Terugbelverzoek maken' }).click();
  }

  telLink(): Locator {
    return this.callback.locator('a[href^="tel:"]');
  }

  async registerCallbackOutcome(uitkomst: 'Gelukt' | 'Niet bereikt'): Promise<void> {
    await this.callback.getByRole('button', { name: uitkomst }).click();
  }
}
