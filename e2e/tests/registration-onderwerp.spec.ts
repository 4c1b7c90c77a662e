import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/test';
import { DashboardPage } from '../pages/dashboard-page';
import { LoginPage } from '../pages/login-page';

test.use({ viewport: { width: 1366, height: 768 } });

test('@P1 an agent picks the onderwerp from the list by keyboard, writes a nawerk note, and the team leader sees the onderwerp in the report', async ({
  loginAs,
  inbound,
  browser,
  server,
}) => {
  // Two users and three axe scans in one journey: a longer hang guard, not a speed target.
  test.slow();
  const anna = await loginAs('anna');
  const page = anna.page;
  await anna.setStatus('beschikbaar');
  await inbound({ channel: 'telefoon', externalId: 'e2e-onderwerp-1', from: { phone: '0612345678' } });
  await anna.acceptFirstOfferWithKeyboard();

  await test.step('type-ahead over the onderwerpen list, keyboard only', async () => {
    // Alt+R works once the contact's registration form is there.
    await expect(anna.registrationForm).toBeVisible();
    await anna.focusRegistrationWithKeyboard();
    await page.keyboard.type('pasp');
    const listbox = anna.registrationForm.getByRole('listbox', { name: 'Onderwerpen' });
    await expect(listbox.getByRole('option', { name: 'Paspoort', exact: true })).toBeVisible();
    await expect(anna.onderwerp).toHaveAttribute('aria-expanded', 'true');
    await expectNoSeriousA11yViolations(page, 'registration: onderwerp suggestions open');
    await page.keyboard.press('ArrowDown');
    await expect(listbox.getByRole('option', { name: 'Paspoort', exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.keyboard.press('Enter');
    await expect(anna.onderwerp).toHaveValue('Paspoort');
    await expect(anna.onderwerp).toHaveAttribute('aria-expanded', 'false');
    await expect(anna.onderwerp).toHaveAccessibleDescription(/Uit de lijst: Paspoort\./);
    // Enter picked the option; it did not submit the form.
    await expect(anna.nawerk).toBeHidden();
  });

  await test.step('register and write a nawerk note', async () => {
    await expect(anna.gespreksresultaat).toBeEnabled();
    await anna.gespreksresultaat.selectOption({ label: 'Zelfstandig afgehandeld' });
    await anna.submitRegistrationWithKeyboard();
    await expect(anna.nawerk).toBeVisible();
    await expect(anna.nawerk).not.toContainText('Rond uw aantekeningen af');
    const note = anna.nawerk.getByRole('textbox', { name: 'Aantekeningen bij dit contact' });
    await expect(note).toBeFocused();
    await expectNoSeriousA11yViolations(page, 'nawerk with notes field');
    await page.keyboard.type('Mevrouw maakt zelf een afspraak via de website.');
    await page.keyboard.press('Control+Enter');
    await expect(
      anna.nawerk.getByRole('status').filter({ hasText: /^Opgeslagen om \d{2}:\d{2}$/ }),
    ).toBeVisible();
    await anna.klaarWithKeyboard();
    await expect(anna.nawerk).toBeHidden();
  });

  await test.step('the team leader sees the onderwerp in the report', async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1366, height: 768 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    const tess = await context.newPage();
    const login = new LoginPage(tess);
    await login.open();
    await login.logIn('tess', 'demo');
    const dashboard = new DashboardPage(tess);
    await dashboard.expectReady();
    await dashboard.openReports();
    const table = tess.getByRole('table', { name: 'Registraties per onderwerp' });
    const row = table
      .getByRole('row')
      .filter({ has: tess.getByRole('rowheader', { name: 'Paspoort', exact: true }) });
    await expect(row).toBeVisible();
    await expect(row.locator('[data-kpi="registraties"]')).toHaveText('1');
    await expectNoSeriousA11yViolations(tess, 'reports with onderwerpen');
    await context.close();
  });
});
