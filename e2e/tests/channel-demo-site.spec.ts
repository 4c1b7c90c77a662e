import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/channels';

test('@P1 the demo site and the open widget pass axe (WCAG 2.1 AA) and the widget runs under the demo CSP', async ({
  openResident,
  loginAs,
}) => {
  // Someone on duty, so the widget opens on its start form.
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');

  const resident = await openResident();
  const cspViolations: string[] = [];
  resident.page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });

  const home = await resident.page.request.get('/demo/');
  expect(home.headers()['content-security-policy']).toContain("script-src 'self'");

  for (const path of ['/demo/', '/demo/afval.html', '/demo/paspoort.html', '/demo/parkeren.html']) {
    await resident.visit(path);
    await expectNoSeriousA11yViolations(resident.page, `demo site ${path}`);
  }

  await resident.visit('/demo/contact.html');
  await expectNoSeriousA11yViolations(resident.page, 'demo site contact page');
  // The contact page's own button opens the widget (window.KccChat.open()).
  await resident.page.getByRole('button', { name: 'Start een chat' }).click();
  await expect(resident.panel).toBeVisible();
  await expect(resident.startForm).toBeVisible();
  await expect(resident.page.getByRole('dialog', { name: 'Chat met Gemeente Voorbeeldstad' })).toBeVisible();
  await expectNoSeriousA11yViolations(resident.page, 'open widget, start form');

  await resident.startChat({ name: 'Jan Jansen' });
  await expect(resident.notice).toContainText(/wachtrij/);
  await expect(resident.composer).toBeVisible();
  await expectNoSeriousA11yViolations(resident.page, 'open widget, waiting in the queue');

  // Escape closes the panel and puts focus back on the launcher.
  await resident.page.keyboard.press('Escape');
  await expect(resident.panel).toBeHidden();
  await expect(resident.launcher).toBeFocused();
  expect(cspViolations).toEqual([]);
});

test('@P1 with nobody on duty the widget offers "laat een bericht achter", which becomes an e-mail contact', async ({
  openResident,
  loginAs,
}) => {
  const resident = await openResident();
  await resident.visit('/demo/afval.html');
  await resident.openPanel();
  await expect(resident.offlineForm).toBeVisible();
  await expect(resident.panel).toContainText('Er is op dit moment geen medewerker beschikbaar.');
  await expectNoSeriousA11yViolations(resident.page, 'open widget, offline form');

  await resident.offlineForm.locator('input[name=name]').fill('Piet de Vries');
  await resident.offlineForm.locator('input[name=email]').fill('piet@example.nl');
  await resident.offlineForm.locator('textarea[name=text]').fill('Mijn container is niet geleegd.');
  await resident.offlineForm.getByRole('button', { name: 'Bericht versturen' }).click();
  await expect(resident.section('offline-sent')).toBeVisible();
  await expect(resident.panel).toContainText('Bedankt. We hebben uw bericht ontvangen');

  // The message waits in the e-mail queue and is offered as soon as someone is on duty.
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  const offer = anna.offerFor('Bericht via de chat');
  await expect(offer).toBeVisible();
  await anna.accept(offer);
  await expect(anna.activeContacts).toHaveCount(1);
  await expect(anna.contactHeader).toContainText('Bericht via de chat');
});

test('@P1 the demo contact form checks the input on the server and thanks the resident', async ({
  openResident,
  request,
}) => {
  const resident = await openResident();
  await resident.visit('/demo/contact.html');
  const form = resident.page.locator('#contactformulier');
  const status = form.getByRole('status');

  // The page checks the obvious itself; the server refuses what gets past it, naming the field.
  const refused = await request.post('/demo/contactformulier', {
    headers: { origin: new URL(resident.page.url()).origin },
    data: { naam: 'Jan', email: 'jan@example.nl', telefoon: 'bel me maar', vraag: 'Hoe laat?' },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).invalidParams[0]).toMatchObject({ name: 'telefoon' });
  await form.getByLabel('Naam (verplicht)').fill('Jan Jansen');
  await form.getByLabel('E-mailadres (verplicht)').fill('jan@example.nl');
  await form.getByLabel('Telefoonnummer').fill('bel me maar');
  await form.getByLabel('Uw vraag (verplicht)').fill('Wanneer wordt het grofvuil opgehaald?');
  await form.getByRole('button', { name: 'Versturen' }).click();
  await expect(status).toHaveText('Vul een goed telefoonnummer in, bijvoorbeeld 06 12345678.');
  await expect(form.getByLabel('Telefoonnummer')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Telefoonnummer')).toBeFocused();

  await form.getByLabel('Telefoonnummer').fill('06 12345678');
  await form.getByRole('button', { name: 'Versturen' }).click();
  await expect(status).toHaveText(
    'Bedankt. We hebben uw vraag ontvangen. U krijgt binnen 2 werkdagen antwoord.',
  );
  await expect(form.getByLabel('Naam (verplicht)')).toHaveValue('');

  // A post from another website is refused.
  const crossSite = await request.post('/demo/contactformulier', {
    headers: { origin: 'https://andere-site.example' },
    data: { naam: 'Jan', email: 'jan@example.nl', vraag: 'Hoe laat?' },
  });
  expect(crossSite.status()).toBe(403);
});
