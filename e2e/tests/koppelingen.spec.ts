import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test, VIEWPORT } from '../fixtures/test';
import { KennisbankBeheerPage } from '../pages/kennisbank-pane';
import { KoppelingenPage, type RegisterNaam } from '../pages/koppelingen-page';
import { LoginPage } from '../pages/login-page';

const REGISTERS: RegisterNaam[] = [
  'Klantregister (Klantinteracties)',
  'BRP (personen)',
  'Handelsregister (KvK)',
  'Zaken (Open Zaak)',
];

test('@P1 the beheerder sees that every register runs on built-in demo data and Open Klant is not set up', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.open();
  await login.logIn('bea', 'demo');
  await new KennisbankBeheerPage(page).expectReady();

  const koppelingen = new KoppelingenPage(page);
  await koppelingen.open();
  await expect(koppelingen.registerRows.getByRole('rowheader')).toHaveText(REGISTERS);
  for (const register of REGISTERS)
    await expect(koppelingen.bronOf(register)).toHaveText('Ingebouwd (demogegevens)');
  await expect(koppelingen.openKlantNietIngesteld).toHaveText(
    'Open Klant is niet ingesteld. Registraties blijven in de ingebouwde opslag.',
  );
  await expect(koppelingen.outbox).toHaveCount(0);

  // Vernieuwen loads the overview again from the server.
  const reloaded = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === '/api/beheer/koppelingen' && r.request().method() === 'GET' && r.ok(),
  );
  await koppelingen.vernieuwen.click();
  await reloaded;
  await expect(koppelingen.registerRows).toHaveCount(REGISTERS.length);

  await expectNoSeriousA11yViolations(page, 'koppelingen (without Open Klant)');
});

test('@P1 the Koppelingen tab is only there for the beheerder, and the server agrees', async ({
  page,
  request,
}) => {
  const login = new LoginPage(page);
  await login.open();
  await login.logIn('rob', 'demo');
  await new KennisbankBeheerPage(page).expectReady();
  await expect(new KoppelingenPage(page).tab).toHaveCount(0);

  for (const [username, status] of [
    ['rob', 403],
    ['bea', 200],
  ] as const) {
    const session = await request.post('/api/auth/login', { data: { username, password: 'demo' } });
    expect(session.status(), `login ${username}`).toBe(200);
    const { token } = (await session.json()) as { token: string };
    const response = await request.get('/api/beheer/koppelingen', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status(), username).toBe(status);
  }
});

test.describe('with Open Klant configured but unreachable', () => {
  // Nothing listens on the discard port: every forward fails with a network error and is retried later.
  test.use({
    serverEnv: {
      KCC_OPENKLANT_URL: 'http://127.0.0.1:9/klantinteracties/api/v1',
      KCC_OPENKLANT_TOKEN: 'e2e-openklant-token',
      KCC_REGISTER_TIMEOUT_MS: '500',
    },
  });

  test('@P1 a registration that could not be forwarded shows up for the beheerder, who tries it again', async ({
    browser,
    server,
    loginAs,
    inbound,
  }) => {
    const anna = await loginAs('anna');
    await anna.setStatus('beschikbaar');
    await inbound({
      channel: 'telefoon',
      externalId: 'e2e-koppelingen-1',
      from: { phone: '0612345678' },
      subject: 'Vraag over parkeervergunning',
    });
    await anna.accept(anna.offerFor('Vraag over parkeervergunning'));
    await anna.fillRegistration({
      onderwerp: 'Parkeervergunning',
      vraag: 'Hoe lang duurt de aanvraag?',
      antwoord: 'Binnen twee weken.',
      gespreksresultaat: 'Zelfstandig afgehandeld',
    });
    await anna.registerAndClose.click();
    // The agent is not held up by Open Klant: the registration is saved and forwarded later.
    await expect(anna.nawerk).toBeVisible();

    const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT, locale: 'nl-NL' });
    try {
      const page = await context.newPage();
      const login = new LoginPage(page);
      await login.open();
      await login.logIn('bea', 'demo');
      await new KennisbankBeheerPage(page).expectReady();
      const koppelingen = new KoppelingenPage(page);
      await koppelingen.open();

      await expect(koppelingen.bronOf('Klantregister (Klantinteracties)')).toHaveText('Gekoppeld');
      await expect(koppelingen.bronOf('BRP (personen)')).toHaveText('Ingebouwd (demogegevens)');
      await expect(koppelingen.openKlantNietIngesteld).toHaveCount(0);
      await expect(koppelingen.aantal('Wachtend')).toHaveText('1');
      await expect(koppelingen.aantal('Doorgestuurd')).toHaveText('0');
      await expect(koppelingen.outbox.getByTestId('oudste-wachtend')).toContainText('Oudste wachtende sinds');
      await expect(koppelingen.outboxItems).toHaveCount(1);
      const item = koppelingen.outboxItems.first();
      await expect(koppelingen.outboxCell(item, 'Status')).toHaveText('Wachtend');
      // The server's worker tries and fails; the page shows its error (refreshing by itself every 10 s).
      await expect(koppelingen.outboxCell(item, 'Laatste fout')).not.toHaveText(/geen$/, { timeout: 25_000 });
      await expect(koppelingen.outboxCell(item, 'Pogingen')).not.toHaveText('0');
      const referentienummer = await koppelingen.referentienummerOf(item);
      expect(referentienummer).toMatch(/^\S{6,}$/);
      await expectNoSeriousA11yViolations(page, 'koppelingen (Open Klant outbox)');

      await koppelingen.retryButton(referentienummer).click();
      await expect(koppelingen.outboxStatus).toHaveText(
        `Registratie ${referentienummer} staat weer klaar en wordt zo opnieuw naar Open Klant gestuurd.`,
      );
      await expect(koppelingen.outboxCell(item, 'Status')).toHaveText('Wachtend');
      await expect(koppelingen.outbox.getByRole('alert')).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});
