import { expect, type Locator, type Page } from '@playwright/test';

export type SettableStatus = 'beschikbaar' | 'pauze' | 'offline';
export type Status = SettableStatus | 'nawerk' | 'niet-reagerend';

export interface RegistrationInput {
  onderwerp: string;
  vraag?: string;
  antwoord?: string;
  /** Visible name of the gespreksresultaat, e.g. "Zelfstandig afgehandeld". */
  gespreksresultaat: string;
  interneTaak?: { afdeling: string; gevraagdeHandeling: string; toelichting?: string };
}

export interface NewPartijInput {
  voornaam?: string;
  achternaam: string;
  email?: string;
}

/**
 * The agent workplace after login: status, inbox (offers, my contacts), the contact workspace (header,
 * klantbeeld, registration), nawerk and the shortcut help. The only place that knows its selectors.
 */
export class WorkplacePage {
  readonly statusSelect: Locator;
  readonly userName: Locator;
  readonly waitingTotal: Locator;
  readonly offerCards: Locator;
  readonly activeContacts: Locator;
  readonly connectionLost: Locator;

  readonly contactHeader: Locator;
  readonly callerPhone: Locator;

  readonly klantbeeld: Locator;
  readonly herkenning: Locator;
  readonly partijNaam: Locator;
  readonly history: Locator;
  readonly historyItems: Locator;
  readonly newPartijForm: Locator;

  readonly registrationForm: Locator;
  readonly onderwerp: Locator;
  readonly vraag: Locator;
  readonly antwoord: Locator;
  readonly kanaal: Locator;
  readonly gespreksresultaat: Locator;
  readonly interneTaakCheckbox: Locator;
  readonly afdeling: Locator;
  readonly gevraagdeHandeling: Locator;
  readonly toelichting: Locator;
  readonly registerAndClose: Locator;
  readonly registerKeepOpen: Locator;
  readonly registrationAlert: Locator;
  readonly registrationStatus: Locator;

  readonly nawerk: Locator;
  readonly nawerkCountdown: Locator;
  readonly klaar: Locator;

  readonly shortcutHelp: Locator;

  constructor(readonly page: Page) {
    this.statusSelect = page.getByTestId('status-select');
    this.userName = page.getByTestId('user-name');
    this.waitingTotal = page.getByTestId('waiting-total');
    this.offerCards = page.getByTestId('offer-card');
    this.activeContacts = page.getByTestId('active-contact');
    this.connectionLost = page.getByTestId('connection-lost');

    this.contactHeader = page.getByTestId('contact-header');
    this.callerPhone = this.contactHeader.getByTestId('caller-phone');

    this.klantbeeld = page.getByTestId('klantbeeld');
    this.herkenning = this.klantbeeld.getByTestId('herkenning');
    this.partijNaam = this.klantbeeld.getByTestId('partij-naam');
    this.history = this.klantbeeld.getByTestId('klantcontact-history');
    this.historyItems = this.history.getByRole('listitem');
    this.newPartijForm = this.klantbeeld.getByTestId('new-partij-form');

    const form = page.getByTestId('registration-form');
    this.registrationForm = form;
    this.onderwerp = form.getByRole('combobox', { name: 'Onderwerp', exact: true });
    this.vraag = form.getByRole('textbox', { name: 'Vraag', exact: true });
    this.antwoord = form.getByRole('textbox', { name: 'Antwoord / notitie', exact: true });
    this.kanaal = form.getByRole('combobox', { name: 'Kanaal', exact: true });
    this.gespreksresultaat = form.getByRole('combobox', { name: 'Gespreksresultaat', exact: true });
    this.interneTaakCheckbox = form.getByRole('checkbox', {
      name: 'Interne taak aanmaken voor een afdeling',
    });
    this.afdeling = form.getByRole('combobox', { name: 'Afdeling', exact: true });
    this.gevraagdeHandeling = form.getByRole('textbox', { name: 'Gevraagde handeling', exact: true });
    this.toelichting = form.getByRole('textbox', { name: 'Toelichting', exact: true });
    this.registerAndClose = form.getByRole('button', { name: 'Registreren en afronden' });
    this.registerKeepOpen = form.getByRole('button', { name: 'Vraag registreren, contact blijft open' });
    this.registrationAlert = form.getByRole('alert');
    this.registrationStatus = form.getByRole('status');

    this.nawerk = page.getByTestId('nawerk');
    this.nawerkCountdown = this.nawerk.getByTestId('nawerk-countdown');
    this.klaar = this.nawerk.getByRole('button', { name: 'Klaar' });

    this.shortcutHelp = page.getByTestId('shortcut-help');
  }

  /** The shell is loaded and its push channel connected (the readiness marker on the shell root). */
  async expectReady(): Promise<void> {
    await expect(
      this.page.locator('[data-app-state="ready"]').filter({ has: this.statusSelect }),
    ).toBeVisible();
  }

  // ---- status ----

  async setStatus(status: SettableStatus): Promise<void> {
    await this.statusSelect.selectOption(status);
    await this.expectStatus(status);
  }

  /** Checks the value and the visible label of the Status control (system states show as their own option). */
  async expectStatus(status: Status, label?: string): Promise<void> {
    await expect(this.statusSelect).toHaveValue(status);
    await expect(this.statusSelect).toBeEnabled();
    if (label) await expect(this.statusSelect.locator('option:checked')).toHaveText(label);
  }

  // ---- inbox ----

  offerFor(subject: string): Locator {
    return this.offerCards.filter({ hasText: subject });
  }

  offerCountdown(offer: Locator): Locator {
    return offer.getByTestId('offer-countdown');
  }

  async accept(offer: Locator): Promise<void> {
    await offer.getByRole('button', { name: 'Accepteren' }).click();
  }

  async decline(offer: Locator): Promise<void> {
    await offer.getByRole('button', { name: 'Weigeren' }).click();
  }

  /** Alt+A: accept the first (most urgent) offer. */
  async acceptFirstOfferWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Alt+KeyA');
  }

  /** Alt+W: decline the first (most urgent) offer. */
  async declineFirstOfferWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Alt+KeyW');
  }

  /** The open contact in "Mijn contacten". */
  openContactEntry(): Locator {
    return this.activeContacts.and(this.page.locator('[aria-current="true"]'));
  }

  // ---- klantbeeld ----

  async expectHerkenning(herkenning: 'telefoon' | 'email' | 'bsn' | 'gekoppeld' | 'onbekend', label: string) {
    await expect(this.herkenning).toHaveAttribute('data-herkenning', herkenning);
    await expect(this.herkenning).toHaveText(label);
  }

  async startNewPartij(): Promise<void> {
    await this.klantbeeld.getByRole('button', { name: 'Nieuwe klant aanmaken' }).click();
    await expect(this.newPartijForm).toBeVisible();
  }

  newPartijField(
    label: 'Voornaam' | 'Tussenvoegsel' | 'Achternaam' | 'Telefoonnummer' | 'E-mailadres' | 'BSN',
  ) {
    return this.newPartijForm.getByRole('textbox', { name: label, exact: true });
  }

  async createPartij(input: NewPartijInput): Promise<void> {
    if (input.voornaam) await this.newPartijField('Voornaam').fill(input.voornaam);
    await this.newPartijField('Achternaam').fill(input.achternaam);
    if (input.email) await this.newPartijField('E-mailadres').fill(input.email);
    await this.newPartijForm.getByRole('button', { name: 'Klant aanmaken en koppelen' }).click();
  }

  // ---- registration ----

  /** Alt+R: jump to the registration form (Onderwerp). */
  async focusRegistrationWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Alt+KeyR');
    await expect(this.onderwerp).toBeFocused();
  }

  async fillRegistration(input: RegistrationInput): Promise<void> {
    await expect(this.registrationForm).toBeVisible();
    await this.onderwerp.fill(input.onderwerp);
    // The type-ahead may suggest onderwerpen from the list: close it (the text stays) so it covers nothing.
    if ((await this.onderwerp.getAttribute('aria-expanded')) === 'true') await this.onderwerp.press('Escape');
    if (input.vraag !== undefined) await this.vraag.fill(input.vraag);
    if (input.antwoord !== undefined) await this.antwoord.fill(input.antwoord);
    await expect(this.gespreksresultaat).toBeEnabled();
    await this.gespreksresultaat.selectOption({ label: input.gespreksresultaat });
    if (input.interneTaak) {
      await this.interneTaakCheckbox.check();
      await expect(this.afdeling).toBeEnabled();
      await this.afdeling.selectOption({ label: input.interneTaak.afdeling });
      await this.gevraagdeHandeling.fill(input.interneTaak.gevraagdeHandeling);
      if (input.interneTaak.toelichting !== undefined)
        await this.toelichting.fill(input.interneTaak.toelichting);
    }
  }

  /** Ctrl+Enter inside the form: Registreren en afronden. */
  async submitRegistrationWithKeyboard(): Promise<void> {
    await this.onderwerp.focus();
    await this.page.keyboard.press('Control+Enter');
  }

  // ---- nawerk ----

  /** Alt+D: nawerk done, beschikbaar again. */
  async klaarWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Alt+KeyD');
  }

  // ---- shortcut help ----

  async openShortcutHelp(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sneltoetsen' }).click();
    await expect(this.shortcutHelp).toBeVisible();
  }

  async closeShortcutHelpWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.shortcutHelp).toBeHidden();
  }
}
