import { defineConfig } from '@playwright/test';

/** The Electron smoke test; started by run-electron-smoke.mjs, which first checks that an Electron binary exists. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
});
