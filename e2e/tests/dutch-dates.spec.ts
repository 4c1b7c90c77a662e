import type { AuditExport } from '@kcc/contracts/verwerkingen';
import { expect, test } from '../fixtures/test';
import { KlantOpzoeken } from '../pages/klantbeeld-panel';
import { KennisbankBeheerPage } from '../pages/kennisbank-pane';
import { LoginPage } from '../pages/login-page';
import { PrivacyPage } from '../pages/privacy-page';

const VIEWPORT_1366 = { width: 1366, height: 768 };
test.use({ viewport: VIEWPORT_1366 });

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const FATIMA = { bsn: '999993653', naam: 'Fatima El Amrani' };

/** `YYYY-MM-DD` of the day `days` before today (UTC; a few days' margin keeps it in the past in Amsterdam too). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

test('@P1 beheer shows an expired werkbericht as Verlopen with Dutch dates', async ({ browser, server }) => {
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT_1366, locale: 'nl-NL' });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.open();
  await login.logIn('bea', 'demo');
  const beheer = new KennisbankBeheerPage(page);
  await beheer.expectReady();

  await beheer.newArticle.click();
  await expect(beheer.form).toBeVisible();
  await beheer.form.getByRole('combobox', { name: 'Soort' }).selectOption({ label: 'Werkbericht' });
  await beheer.formField('Titel').fill('Storing parkeerautomaten voorbij');
  await beheer.formField('Tekst').fill('De parkeerautomaten in het centrum werkten niet. Dit is opgelost.');
  await beheer.formField('Geldig vanaf').fill(daysAgo(30));
  await beheer.formField('Geldig tot en met').fill(daysAgo(3));
  await beheer.form.getByRole('checkbox', { name: /Gepubliceerd/ }).check();
  await beheer.form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(beheer.form).toBeHidden();

  const row = beheer.row('Storing parkeerautomaten voorbij');
  await expect(row.getByTestId('article-status')).toHaveText('Verlopen');
  await expect(row).toContainText(' t/m ');
  await expect(row).not.toContainText(ISO_DATE);
  await context.close();
});

test('@P1 the privacy screen names the purpose instead of an id, and the CSV export is in local time', async ({
  browser,
  server,
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  const contactId = await inbound({
    channel: 'telefoon',
    externalId: 'e2e-dates-1',
    from: { phone: '0655509876' },
    subject: 'Vraag over mijn bezwaar',
  });
  await anna.accept(anna.offerFor('Vraag over mijn bezwaar'));
  const zoeken = new KlantOpzoeken(anna.page);
  await zoeken.open();
  await expect(zoeken.doelText).toContainText('het open contact');
  await zoeken.search({ BSN: FATIMA.bsn });
  await zoeken.openKlantbeeld(FATIMA.naam);

  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT_1366, locale: 'nl-NL' });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.open();
  await login.logIn('priya', 'demo');
  const privacy = new PrivacyPage(page);
  await privacy.expectReady();
  await privacy.searchBsn(FATIMA.bsn);

  const annasRows = privacy.rows.filter({ hasText: 'Anna de Vries' });
  await expect(annasRows.first()).toBeVisible();
  await expect(privacy.table).toContainText('Afhandelen van een lopend klantcontact');
  await expect(privacy.table).not.toContainText(contactId);
  await expect(privacy.table).not.toContainText(ISO_DATE);

  const csv = await privacy.export('csv');
  const annasLines = csv.text.split('\r\n').filter((l) => l.includes(';Anna de Vries;'));
  expect(annasLines.length).toBeGreaterThan(0);
  for (const line of annasLines) {
    // Local wall-clock time, no UTC "Z", and the purpose without the contact's id.
    expect(line).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};/);
    expect(line).not.toMatch(/T\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(line).not.toContain(`Lopend klantcontact ${contactId}`);
  }
  // The time in the file is the Amsterdam time of the log line (the browser runs in Europe/Amsterdam).
  const json = JSON.parse((await privacy.export('json')).text) as AuditExport;
  const first = json.verwerkingsacties.find((a) => a.gebruiker?.naam === 'Anna de Vries');
  expect(first).toBeDefined();
  const local = await page.evaluate((iso) => {
    const d = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }, first?.tijdstip ?? '');
  expect(csv.text).toContain(`\r\n${local};`);
  await context.close();
});
