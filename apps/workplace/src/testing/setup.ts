import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// `waitFor`/`findBy*` wait for an outcome; their timeout only ends a hang. The default (1 s) is a speed
// requirement in disguise that a busy machine fails, so it is generous here.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
  // Socket tests against a real socket.io server run in Node (`@vitest-environment node`), without a window.
  if (typeof window !== 'undefined') window.sessionStorage.clear();
});
