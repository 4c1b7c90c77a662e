import { expect, type Locator, type Page } from '@playwright/test';

export type RegisterNaam =
  'Klantregister (Klantinteracties)' | 'BRP (personen)' | 'Handelsregister (KvK)' | 'Zaken (Open Zaak)';

/** The beheerder's "Koppelingen" tab in the beheer shell: where each register's data comes from, the Open Klant outbox. */
export class KoppelingenPage {
  readonly tab: Locator;
  readonly view: Locator;
  readonly heading: Locator;
  readonly registers: Locator;
  readonly registerRows: Locator;
  readonly openKlantNietIngesteld: Locator;
  readonly outbox: Locator;
  readonly vernieuwen: Locator;
  readonly outboxItems: Locator;
  readonly outboxStatus: Locator;

  constructor(readonly page: Page) {
    this.tab = page
      .getByRole('navigation', { name: 'Onderdelen' })
      .getByRole('button', { name: 'Koppelingen' });
    this.view = page.getByTestId('koppelingen');
    this.heading = this.view.getByRole('heading', { name: 'Koppelingen', level: 1 });
    this.registers = this.view.getByRole('table', { name: 'Registers' });
    this.registerRows = this.registers.locator('tbody tr');
    this.openKlantNietIngesteld = this.view.getByTestId('openklant-niet-ingesteld');
    this.outbox = this.view.getByRole('region', { name: 'Doorsturen naar Open Klant' });
    this.vernieuwen = this.view.getByRole('button', { name: 'Vernieuwen' });
    this.outboxItems = this.outbox.getByTestId('outbox-item');
    this.outboxStatus = this.outbox.getByRole('status');
  }

  /** Opens the tab (the beheer shell must be ready) and waits for the registers. */
  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-current', 'page');
    await expect(this.heading).toBeVisible();
    await expect(this.registers).toBeVisible();
  }

  /** The bron cell of one register's row. */
  bronOf(register: RegisterNaam): Locator {
    return this.registerRows
      .filter({ has: this.page.getByRole('rowheader', { name: register }) })
      .getByRole('cell');
  }

  /** The number shown under a count of the outbox (Wachtend, Doorgestuurd, Teruggedraaid, Mislukt). */
  aantal(label: 'Wachtend' | 'Doorgestuurd' | 'Teruggedraaid' | 'Mislukt'): Locator {
    return this.outbox
      .getByTestId('outbox-aantallen')
      .locator('div', { has: this.page.getByText(label, { exact: true }) })
      .locator('dd');
  }

  /** One cell of an outbox row, by its column. */
  outboxCell(
    item: Locator,
    column: 'Status' | 'Pogingen' | 'Laatste fout' | 'Aangemaakt' | 'Volgende poging',
  ): Locator {
    const index = ['Status', 'Pogingen', 'Laatste fout', 'Aangemaakt', 'Volgende poging'].indexOf(column);
    return item.getByRole('cell').nth(index);
  }

  async referentienummerOf(item: Locator): Promise<string> {
    return (await item.getByRole('rowheader').innerText()).trim();
  }

  retryButton(referentienummer: string): Locator {
    return this.outbox.getByRole('button', { name: `Opnieuw proberen: ${referentienummer}` });
  }
}
