import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export interface ElectronBinaryDeps {
  /** Directory of the `electron` npm package, or undefined when it is not installed. */
  packageDir: string | undefined;
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
  readFile(file: string): string | undefined;
}

/**
 * Where the Electron executable is, without downloading it. `require('electron')` would do the same lookup but,
 * since Electron 3x, *downloads* a missing binary on first use — slow, noisy and failing without network, so the
 * launcher reads the package's `path.txt` itself (honouring ELECTRON_OVERRIDE_DIST_PATH, like electron/index.js).
 */
export function findElectronBinary(deps: ElectronBinaryDeps): ElectronBinary {
  if (deps.packageDir === undefined)
    return { ok: false, reason: 'het npm-pakket electron is niet geïnstalleerd' };
  const relative = deps.readFile(path.join(deps.packageDir, 'path.txt'))?.trim();
  const overrideDir = deps.env['ELECTRON_OVERRIDE_DIST_PATH']?.trim();
  if (overrideDir) {
    const file = path.join(
      overrideDir,
      relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'),
    );
    return deps.exists(file)
      ? { ok: true, path: file }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH bevat geen Electron (${file})` };
  }
  if (!relative) return { ok: false, reason: 'binary ontbreekt' };
  const file = path.join(deps.packageDir, 'dist', relative);
  return deps.exists(file) ? { ok: true, path: file } : { ok: false, reason: 'binary ontbreekt' };
}

/** `findElectronBinary` against the real file system, resolving the package from `fromDir`. */
export function locateElectronBinary(
  fromDir: string,
  env: Record<string, string | undefined>,
): ElectronBinary {
  let packageDir: string | undefined;
  try {
    packageDir = path.dirname(createRequire(path.join(fromDir, 'noop.js')).resolve('electron/package.json'));
  } catch {
    packageDir = undefined;
  }
  return findElectronBinary({
    packageDir,
    env,
    exists: (file) => fs.existsSync(file),
    readFile: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}
