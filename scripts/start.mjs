// `npm start`: a thin wrapper. The launcher is TypeScript in apps/desktop/src/launcher (unit-tested with the desktop
// Vitest project); tsx, which also runs the server, loads it here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register();
const { runStart } = await import('../apps/desktop/src/launcher/start.ts');
process.exitCode = await runStart({ repoRoot, env: process.env });
