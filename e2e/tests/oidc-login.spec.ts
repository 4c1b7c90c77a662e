import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test as base } from '../fixtures/test';
import { startOidcProvider, signInAtProvider, type OidcProviderProcess } from '../fixtures/oidc-provider';
import { startServer } from '../fixtures/server';
import { DashboardPage } from '../pages/dashboard-page';
import { WorkplacePage } from '../pages/workplace-page';

/**
 * Issue 11, OIDC: employees log in with the municipality's identity provider (a real oidc-provider in its own
 * process), in Chromium at 1366×768. Local login is off (KCC_LOCAL_LOGIN=0), as in production.
 */
const test = base.extend<{ idp: OidcProviderProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring pattern
  idp: async ({}, use) => {
    const idp = await startOidcProvider();
    await use(idp);
    await idp.stop();
  },
  server: async ({ idp }, use) => {
    const server = await startServer({ ...idp.serverEnv(), KCC_LOCAL_LOGIN: '0' });
    await use(server);
    await server.stop();
  },
});

test.use({ viewport: { width: 1366, height: 768 } });

const organisationButton = 'Inloggen met uw organisatieaccount';

test('@P1 a medewerker logs in through the identity provider and lands in the workplace', async ({
  page,
  server,
  idp,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: organisationButton })).toBeVisible();
  await expect(page.getByLabel('Gebruikersnaam')).toHaveCount(0);

  await page.getByRole('button', { name: organisationButton }).click();
  await signInAtProvider(page, 'anna');

  const workplace = new WorkplacePage(page);
  await workplace.expectReady();
  await expect(workplace.userName).toHaveText('Anna de Vries');
  expect(new URL(page.url()).hash).toBe('');
  const token = await page.evaluate(
    () => (JSON.parse(window.sessionStorage.getItem('kcc.session') ?? '{}') as { token?: string }).token,
  );
  const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await me.json()) as { user: { id: string; roles: string[] } }).user).toMatchObject({
    id: 'anna.devries@gemeente.test',
    roles: ['medewerker'],
  });

  // Uitloggen ends the server session and goes to the provider to end the login there too.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/session/end`));
  const after = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(after.status).toBe(401);
});

test('@P1 a teamleider gets the dashboard for the mapped role', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: organisationButton }).click();
  await signInAtProvider(page, 'tess');
  await new DashboardPage(page).expectReady();
});

test('@P1 an employee without a mapped role is refused in Dutch', async ({ page, server }) => {
  await page.goto('/');
  await page.getByRole('button', { name: organisationButton }).click();
  await signInAtProvider(page, 'piet');

  await expect(page.getByRole('alert')).toHaveText(
    /U heeft geen toegang tot de KCC Werkplek\. Uw organisatieaccount heeft geen rol voor de werkplek\./,
  );
  await expect(page.getByRole('button', { name: organisationButton })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'login screen with the organisation account and a refusal');
  expect(await page.evaluate(() => window.sessionStorage.getItem('kcc.session'))).toBeNull();
  const config = await fetch(`${server.url}/api/auth/config`);
  expect(await config.json()).toEqual({ oidc: true, localLogin: false });
});
