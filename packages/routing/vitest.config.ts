import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'routing', environment: 'node', testTimeout: 30_000 } });
