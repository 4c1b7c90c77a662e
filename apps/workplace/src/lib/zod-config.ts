import { z } from 'zod';

/**
 * The workplace runs under a CSP without 'unsafe-eval'. zod would otherwise probe `new Function` (for its
 * faster JIT parsers), which the browser reports as a CSP violation even though zod catches the error.
 */
z.config({ jitless: true });
