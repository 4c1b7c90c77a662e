import { defineConfig } from '@playwright/test';

/** Debian's Chromium (CI installs it); Playwright's own browser download is not available here. */
const chromiumPath = process.env.KCC_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  // Every test starts its own server on a fresh data dir (fixtures/server.ts), so tests never share state.
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
