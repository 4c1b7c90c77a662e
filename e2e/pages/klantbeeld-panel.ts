import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The integraal klantbeeld: inside the contact's klantbeeld panel (`data-testid="klantbeeld"`) or opened from
 * "Klant opzoeken" (`data-testid="register-klantbeeld"`). The only place that knows its selectors.
 */
export class KlantbeeldPanel {
  readonly signalen: Locator;
  readonly identiteit: Locator;
  readonly alleenTerVerificatie: Locator;
  readonly geheimhouding: Locator;
  readonly contactgegevens: Locator;
  readonly voorkeurskanaal: Locator;
  readonly zaken: Locator;
  readonly zaakItems: Locator;
  readonly klantcontacten: Locator;
  readonly historyItems: Locator;
  readonly kanaalFilter: Locator;
  readonly interneTaken: Locator;
  readonly verantwoording: Locator;
  /** The identification level badge in the klantbeeld header (contact klantbeeld only). */
  readonly identificatieniveau: Locator;
  /** Why parts are hidden, with the "Verifiëren" button. */
  readonly identificatieMelding: Locator;
  /** Toestemmingen of the resident and the messages that went to them (contact klantbeeld only). */
  readonly toestemmingen: Locator;
  readonly geldigeToestemmingen: Locator;

  constructor(readonly root: Locator) {
    this.signalen = root.getByTestId('signaal');
    this.identiteit = root.getByTestId('identiteit');
    this.alleenTerVerificatie = this.identiteit.getByTestId('alleen-ter-verificatie');
    this.geheimhouding = this.identiteit.getByTestId('geheimhouding');
    this.contactgegevens = root.getByTestId('contactgegevens');
    this.voorkeurskanaal = this.contactgegevens.getByTestId('voorkeurskanaal');
    this.zaken = root.getByTestId('zaken');
    this.zaakItems = this.zaken.getByTestId('zaak');
    this.klantcontacten = root.getByTestId('klantcontacten');
    this.historyItems = this.klantcontacten.getByTestId('klantcontact-history').getByRole('listitem');
    this.kanaalFilter = this.klantcontacten.getByRole('combobox', { name: 'Toon kanaal' });
    this.interneTaken = root.getByTestId('interne-taken-klant');
    this.verantwoording = root.getByTestId('verantwoording');
    this.identificatieniveau = root.getByTestId('identificatieniveau');
    this.identificatieMelding = root.getByTestId('identificatie-melding');
    this.toestemmingen = root.getByTestId('toestemmingen');
    this.geldigeToestemmingen = this.toestemmingen.getByTestId('toestemming');
  }

  /** Records what the resident allows, as the agent hears it: waarvoor, kanaal and address. */
  async legToestemmingVast(waarvoor: string, kanaal: 'E-mail' | 'Sms', adres?: string): Promise<void> {
    await this.toestemmingen.getByLabel('Waarvoor').selectOption({ label: waarvoor });
    await this.toestemmingen.getByRole('radio', { name: kanaal }).check();
    if (adres !== undefined) {
      await this.toestemmingen.getByLabel(kanaal === 'Sms' ? 'Mobiel nummer' : 'E-mailadres').fill(adres);
    }
    await this.toestemmingen.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  }

  /** The "Klant verifiëren" dialog (rendered next to the panel). */
  verificatieDialog(): Locator {
    return this.root.page().getByRole('dialog', { name: 'Klant verifiëren' });
  }

  /**
   * Opens "Verifiëren" and types what the resident says, with the keyboard only: the dialog focuses the first
   * field, Tab moves on, Enter submits.
   */
  async verifieer(antwoord: { geboortedatum: string; postcode: string; huisnummer: string }): Promise<void> {
    const dialog = this.verificatieDialog();
    if (!(await dialog.isVisible())) {
      await this.identificatieMelding.getByRole('button', { name: 'Verifiëren' }).click();
    }
    await expect(dialog.getByLabel('Geboortedatum')).toBeFocused();
    const page = this.root.page();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(antwoord.geboortedatum);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(antwoord.postcode);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(antwoord.huisnummer);
    await page.keyboard.press('Enter');
  }

  /** The klantbeeld in the open contact's panel. */
  static ofContact(page: Page): KlantbeeldPanel {
    return new KlantbeeldPanel(page.getByTestId('klantbeeld'));
  }

  /** The klantbeeld opened from "Klant opzoeken". */
  static opened(page: Page): KlantbeeldPanel {
    return new KlantbeeldPanel(page.getByTestId('register-klantbeeld'));
  }

  zaak(identificatie: string): Locator {
    return this.zaakItems.filter({ hasText: identificatie });
  }

  /** The melding of a section that did not load (`niet_beschikbaar`) or does not apply. */
  sectieMelding(section: Locator): Locator {
    return section.getByTestId('sectie-melding');
  }

  heading(): Locator {
    return this.root.getByRole('heading', { level: 2 });
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Klantbeeld sluiten' }).click();
    await expect(this.root).toBeHidden();
  }
}

export type ZoekSoort = 'Inwoner' | 'Bedrijf';
export type ZoekOp = 'BSN' | 'Achternaam en geboortedatum' | 'Postcode en huisnummer' | 'KvK-nummer' | 'Naam';

/** "Klant opzoeken": search a resident (BRP) or a company (KvK) with a purpose, then open a klantbeeld. */
export class KlantOpzoeken {
  readonly openButton: Locator;
  readonly form: Locator;
  readonly doel: Locator;
  readonly doelText: Locator;
  readonly zoeken: Locator;
  readonly results: Locator;
  readonly resultItems: Locator;
  readonly maximumBereikt: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: 'Klant opzoeken', exact: true });
    this.form = page.getByTestId('klant-zoeken');
    this.doel = this.form.getByRole('combobox', { name: 'Doel' });
    this.doelText = this.form.getByTestId('zoek-doel');
    this.zoeken = this.form.getByRole('button', { name: 'Zoeken', exact: true });
    this.results = this.form.getByTestId('zoek-resultaten');
    this.resultItems = this.results.getByRole('listitem');
    this.maximumBereikt = this.form.getByTestId('maximum-bereikt');
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.form).toBeVisible();
    await expect(this.form.getByRole('heading', { name: 'Klant opzoeken' })).toBeFocused();
  }

  field(label: string): Locator {
    return this.form.getByRole('textbox', { name: label, exact: true });
  }

  async choose(soort: ZoekSoort, op: ZoekOp): Promise<void> {
    await this.form.getByRole('radio', { name: soort, exact: true }).check();
    await this.form.getByRole('radio', { name: op, exact: true }).check();
  }

  /** Without an open contact: the purpose (visible label, e.g. "Terugbelverzoek afhandelen"). */
  async chooseDoel(label: string): Promise<void> {
    await expect(this.doel).toBeEnabled();
    await this.doel.selectOption({ label });
  }

  async search(fields: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fields)) await this.field(label).fill(value);
    await this.zoeken.click();
  }

  openButtonFor(naam: string): Locator {
    return this.results.getByRole('button', { name: `Klantbeeld openen: ${naam}` });
  }

  /** `heading`: the name on top when it differs (the klantregister's name goes before the BRP's). */
  async openKlantbeeld(naam: string, heading = naam): Promise<KlantbeeldPanel> {
    await this.openButtonFor(naam).click();
    const opened = KlantbeeldPanel.opened(this.page);
    await expect(opened.heading()).toHaveText(`Klantbeeld: ${heading}`);
    return opened;
  }
}
