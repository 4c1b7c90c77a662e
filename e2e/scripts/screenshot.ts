/**
 * Makes docs/screenshot-workplace.png for the README: the workplace (1440×900) with an accepted call, the
 * recognised resident in the klantbeeld and a filled-in registration form. Not part of the test run.
 *
 *   npm run build -w @kcc/workplace && npm run screenshot -w @kcc/e2e
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect } from '@playwright/test';
import config from '../playwright.config';
import { INTEGRATION_KEY, startServer } from '../fixtures/server';
import { LoginPage } from '../pages/login-page';
import { WorkplacePage } from '../pages/workplace-page';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const output = resolve(repoRoot, 'docs', 'screenshot-workplace.png');

async function main(): Promise<void> {
  if (!existsSync(resolve(repoRoot, 'apps', 'workplace', 'dist', 'index.html'))) {
    throw new Error('Build the workplace first: npm run build -w @kcc/workplace');
  }
  const server = await startServer();
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.open();
    await login.logIn('anna', 'demo');
    const anna = new WorkplacePage(page);
    await anna.expectReady();
    await anna.setStatus('beschikbaar');

    const response = await fetch(`${server.url}/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Integration-Key': INTEGRATION_KEY },
      body: JSON.stringify({
        channel: 'telefoon',
        externalId: 'screenshot-call',
        from: { phone: '0612345678' },
        subject: 'Vraag over afval',
      }),
    });
    if (response.status !== 201) throw new Error(`inbound: ${response.status} ${await response.text()}`);

    await anna.acceptFirstOfferWithKeyboard();
    await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
    await expect(anna.historyItems).not.toHaveCount(0);
    await anna.fillRegistration({
      onderwerp: 'Afvalkalender',
      vraag: 'Wanneer wordt het oud papier opgehaald?',
      antwoord: 'Uitgelegd waar de afvalkalender in de app staat.',
      gespreksresultaat: 'Zelfstandig afgehandeld',
    });
    // No focus ring in the picture.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: output, animations: 'disabled', caret: 'hide' });
    console.log(`Saved ${output}`);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
