import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'widget',
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // A hang guard, not a speed target: tests wait for outcomes, which take longer on a loaded machine.
    testTimeout: 60_000,
  },
});
