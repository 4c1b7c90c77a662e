import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Says once whether the PostgreSQL variants of the store tests run (test-support/each-store.ts).
    globalSetup: ['test-support/store-global-setup.ts'],
    // Hang guards, not speed targets: tests wait for outcomes, which take longer on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
