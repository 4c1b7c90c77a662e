// `npm run test:electron -w @kcc/desktop`: runs the Playwright `_electron` smoke test when an Electron binary is
// installed, and otherwise says plainly why it did not run (exit 0: the binary cannot be downloaded here).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const desktopDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(desktopDir, '../..');
register();
const { locateElectronBinary } = await import('../src/launcher/electron-binary.ts');

const binary = locateElectronBinary(desktopDir, process.env);
if (!binary.ok) {
  console.log(
    `Electron smoke test not run: Electron binary not installed (${binary.reason}; no network to download it)`,
  );
  process.exit(0);
}

let wrapper = [];
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (xvfb.status !== 0) {
    console.log('Electron smoke test not run: no display ($DISPLAY unset) and xvfb-run is not installed');
    process.exit(0);
  }
  wrapper = [xvfb.stdout.trim(), '--auto-servernum', '--'];
}

const run = (command, args) =>
  spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: process.env }).status ?? 1;

if (!fs.existsSync(path.join(repoRoot, 'apps/workplace/dist/index.html'))) {
  const code = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', [
    'run',
    'build',
    '-w',
    '@kcc/workplace',
  ]);
  if (code !== 0) process.exit(code);
}
const built = run(process.execPath, [path.join(desktopDir, 'build.mjs')]);
if (built !== 0) process.exit(built);

const playwrightCli = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')),
  'cli.js',
);
const args = [
  process.execPath,
  playwrightCli,
  'test',
  '-c',
  path.join(desktopDir, 'e2e/playwright.config.ts'),
];
const [command, ...rest] = wrapper.length > 0 ? [...wrapper, ...args] : args;
const result = spawnSync(command, rest, {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, KCC_ELECTRON_BINARY: binary.path },
});
process.exit(result.status ?? 1);
