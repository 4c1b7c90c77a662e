import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'workplace',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/testing/setup.ts'],
    // A hang guard, not a speed target: user-event scenarios take seconds on a loaded 2-core machine.
    testTimeout: 60_000,
  },
});
