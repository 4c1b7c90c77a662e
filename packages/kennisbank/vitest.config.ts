import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'kennisbank',
    environment: 'node',
    include: ['src/**/*.test.ts', 'eval/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
