import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'desktop',
    environment: 'node',
    // e2e/*.spec.ts are Playwright `_electron` specs, run by `npm run test:electron`, never by Vitest.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A hang guard, not a speed target: tests wait for outcomes, which take longer on a loaded machine.
    testTimeout: 60_000,
  },
});
