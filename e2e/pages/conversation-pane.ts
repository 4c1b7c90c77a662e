import { expect, type Locator, type Page } from '@playwright/test';

export interface TransferInput {
  /** The colleague's name as the list shows it (with their status after it), e.g. "Bram Jansen". */
  toColleague: string;
  note: string;
}

export interface CallbackInput {
  /** Leave undefined to keep the number the workplace fills in (the caller's or the resident's). */
  telefoonnummer?: string;
  /** "Bellen vanaf" as a `datetime-local` value in the browser's time zone. */
  vanaf?: string;
  notitie?: string;
}

/**
 * The open contact's conversation and hand-over in the workplace: transcript (chat, e-mail, web form), composer,
 * end chat, transfer (Doorverbinden) with the receiver's banner, and the terugbelverzoek dialog and details. The
 * only place that knows their selectors (apps/workplace/README.md "For e2e tests").
 */
export class ConversationPane {
  readonly root: Locator;
  readonly messages: Locator;
  readonly incoming: Locator;
  readonly outgoing: Locator;
  readonly typing: Locator;
  readonly composerForm: Locator;
  readonly composer: Locator;
  readonly send: Locator;
  readonly endChatButton: Locator;
  readonly chatEnded: Locator;
  /** Telephone: "Gesprek beëindigd — registreer het contact." after the CTI `call.ended`. */
  readonly callEnded: Locator;

  readonly handoverActions: Locator;
  readonly handoverStatus: Locator;
  readonly transferDialog: Locator;
  readonly transferBanner: Locator;

  readonly callbackDialog: Locator;
  readonly callback: Locator;
  readonly telLink: Locator;
  readonly callbackOutcome: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('conversation');
    this.messages = this.root.getByTestId('message');
    this.incoming = this.root.locator('[data-testid="message"][data-direction="in"]');
    this.outgoing = this.root.locator('[data-testid="message"][data-direction="uit"]');
    this.typing = this.root.getByTestId('typing-indicator');
    this.composerForm = this.root.getByTestId('composer');
    this.composer = this.composerForm.getByRole('textbox');
    this.send = this.composerForm.getByRole('button', { name: 'Versturen', exact: true });
    this.endChatButton = this.root.getByTestId('end-chat');
    this.chatEnded = this.root.getByTestId('chat-ended');
    this.callEnded = page.getByTestId('call-ended');

    this.handoverActions = page.getByTestId('handover-actions');
    this.handoverStatus = this.handoverActions.getByRole('status');
    this.transferDialog = page.getByTestId('transfer-dialog');
    this.transferBanner = page.getByTestId('transfer-banner');

    this.callbackDialog = page.getByTestId('callback-dialog');
    this.callback = page.getByTestId('callback-details');
    this.telLink = this.callback.getByTestId('tel-link');
    this.callbackOutcome = this.callback.getByTestId('callback-outcome');
  }

  /** Types a reply and sends it with the button; waits until it shows in the transcript. */
  async reply(text: string): Promise<void> {
    const before = await this.outgoing.count();
    await this.composer.fill(text);
    await this.send.click();
    await expect(this.outgoing.nth(before)).toContainText(text);
    await expect(this.composer).toHaveValue('');
  }

  async endChat(): Promise<void> {
    await this.endChatButton.click();
    await expect(this.chatEnded).toBeVisible();
  }

  async transfer(input: TransferInput): Promise<void> {
    await this.handoverActions.getByRole('button', { name: 'Doorverbinden', exact: true }).click();
    const dialog = this.transferDialog;
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: 'Naar een collega' }).check();
    const colleague = dialog.getByRole('combobox', { name: /^Collega/ });
    const option = colleague.locator('option', { hasText: input.toColleague });
    await expect(option).toHaveCount(1);
    await colleague.selectOption((await option.getAttribute('value')) ?? '');
    await dialog.getByRole('textbox', { name: /^Notitie voor de ontvanger/ }).fill(input.note);
    await dialog.getByRole('button', { name: 'Doorverbinden', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async createCallback(input: CallbackInput): Promise<void> {
    await this.handoverActions.getByRole('button', { name: 'Terugbelverzoek maken' }).click();
    const dialog = this.callbackDialog;
    await expect(dialog).toBeVisible();
    const phone = dialog.getByRole('textbox', { name: /^Telefoonnummer/ });
    if (input.telefoonnummer !== undefined) await phone.fill(input.telefoonnummer);
    if (input.vanaf !== undefined) await dialog.getByLabel(/^Bellen vanaf/).fill(input.vanaf);
    if (input.notitie !== undefined)
      await dialog.getByRole('textbox', { name: /^Notitie/ }).fill(input.notitie);
    await dialog.getByRole('button', { name: 'Terugbelverzoek opslaan' }).click();
    await expect(dialog).toBeHidden();
  }

  async registerCallbackOutcome(uitkomst: 'Gelukt' | 'Niet bereikt'): Promise<void> {
    await this.callback.getByRole('button', { name: uitkomst, exact: true }).click();
  }
}
