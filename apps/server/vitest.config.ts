import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Hang guards, not speed targets: tests wait for outcomes, which take longer on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
