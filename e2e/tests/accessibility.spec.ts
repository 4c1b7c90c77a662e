import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/test';
import { LoginPage } from '../pages/login-page';

test('@P0 the login screen has no serious or critical WCAG 2.1 AA violations', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await expectNoSeriousA11yViolations(page, 'login');

  // The error state too: wrong password.
  await login.logIn('anna', 'fout-wachtwoord');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'login with error');
});

test('@P0 every workplace screen has no serious or critical WCAG 2.1 AA violations', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  const { page } = anna;

  await test.step('shell, empty', async () => {
    await expect(anna.activeContacts).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'shell (empty)');
  });

  await test.step('shortcut help dialog', async () => {
    await anna.openShortcutHelp();
    await expectNoSeriousA11yViolations(page, 'shortcut help');
    await anna.closeShortcutHelpWithKeyboard();
  });

  await test.step('shell with an offer', async () => {
    await anna.setStatus('beschikbaar');
    await inbound({
      channel: 'telefoon',
      externalId: 'e2e-a11y-unknown',
      from: { phone: '0655509876' },
      subject: 'Vraag over de hondenbelasting',
    });
    await expect(anna.offerCards).toHaveCount(1);
    await expectNoSeriousA11yViolations(page, 'shell with an offer');
    await anna.accept(anna.offerCards.first());
  });

  await test.step('unknown caller with the new-klant form', async () => {
    await anna.expectHerkenning('onbekend', 'Onbekende klant');
    await expectNoSeriousA11yViolations(page, 'unknown caller');
    await anna.startNewPartij();
    await expectNoSeriousA11yViolations(page, 'new-klant form');
    // With validation errors shown.
    await anna.createPartij({ achternaam: '' });
    await expect(anna.newPartijField('Achternaam')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousA11yViolations(page, 'new-klant form with errors');
    await anna.createPartij({ voornaam: 'Daan', achternaam: 'Smit' });
    await expect(anna.partijNaam).toHaveText('Daan Smit');
  });

  await test.step('registration with interne taak and validation errors', async () => {
    await anna.interneTaakCheckbox.check();
    await anna.registerAndClose.click();
    await expect(anna.registrationAlert).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'registration with errors');
  });

  await test.step('nawerk', async () => {
    await anna.fillRegistration({
      onderwerp: 'Hondenbelasting',
      gespreksresultaat: 'Zelfstandig afgehandeld',
      interneTaak: { afdeling: 'Belastingen', gevraagdeHandeling: 'Aanslag controleren' },
    });
    await anna.registerAndClose.click();
    await expect(anna.nawerk).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'nawerk');
    await anna.klaar.click();
    await anna.expectStatus('beschikbaar');
  });

  await test.step('contact workspace with a recognised resident: klantbeeld and registration', async () => {
    await inbound({
      channel: 'telefoon',
      externalId: 'e2e-a11y-known',
      from: { phone: '0612345678' },
      subject: 'Afvalpas',
    });
    await anna.acceptFirstOfferWithKeyboard();
    await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
    await expect(anna.historyItems).not.toHaveCount(0);
    await expect(anna.registrationForm).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'contact workspace (recognised)');
  });
});
