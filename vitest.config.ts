import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/workplace', 'apps/widget', 'apps/desktop'],
  },
});
