import { expect, type Locator, type Page } from '@playwright/test';

/** "Interne taken" in the inbox column and the dialog a taak opens in. */
export class InterneTakenPanel {
  readonly section: Locator;
  readonly heading: Locator;
  readonly mijnTaken: Locator;
  readonly afdeling: Locator;
  readonly dialog: Locator;
  readonly oppakken: Locator;
  readonly afronden: Locator;
  readonly notitie: Locator;
  readonly notitieToevoegen: Locator;
  readonly melding: Locator;
  readonly notities: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('interne-taken');
    this.heading = this.section.getByRole('heading', { name: 'Interne taken' });
    this.mijnTaken = this.section.getByRole('button', { name: /^Mijn taken/ });
    this.afdeling = this.section.getByRole('button', { name: /^Afdeling/ });
    this.dialog = page.getByTestId('interne-taak-dialog');
    this.oppakken = this.dialog.getByRole('button', { name: 'Oppakken' });
    this.afronden = this.dialog.getByRole('button', { name: 'Afronden' });
    this.notitie = this.dialog.getByRole('textbox', { name: 'Notitie' });
    this.notitieToevoegen = this.dialog.getByRole('button', { name: 'Notitie toevoegen' });
    this.melding = page.getByTestId('taak-melding');
    this.notities = page.getByTestId('taak-notities').getByRole('listitem');
  }

  taak(gevraagdeHandeling: string): Locator {
    return this.section.getByRole('button', { name: new RegExp(`^${gevraagdeHandeling}`) });
  }

  /** The dialog's value for a label ("Voor", "Opgepakt door", "Vraag van de klant", …). */
  waarde(label: string): Locator {
    return this.dialog
      .locator('dt', { hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  async expectOpen(title: string): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByRole('heading', { level: 2 })).toHaveText(title);
  }
}
