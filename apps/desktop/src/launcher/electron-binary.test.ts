import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, locateElectronBinary } from './electron-binary';

function deps(files: Record<string, string>, env: Record<string, string> = {}, installed = true) {
  return {
    packageDir: installed ? '/nm/electron' : undefined,
    env,
    exists: (file: string) => file in files,
    readFile: (file: string) => files[file],
  };
}

describe('findElectronBinary', () => {
  it('finds the binary that path.txt points at', () => {
    const files = {
      [path.join('/nm/electron', 'path.txt')]: 'electron',
      [path.join('/nm/electron/dist/electron')]: '',
    };
    expect(findElectronBinary(deps(files))).toEqual({
      ok: true,
      path: path.join('/nm/electron/dist/electron'),
    });
  });

  it('reports a missing binary when the download never happened (no path.txt)', () => {
    expect(findElectronBinary(deps({}))).toEqual({ ok: false, reason: 'binary ontbreekt' });
  });

  it('reports a missing binary when path.txt exists but dist was removed', () => {
    expect(findElectronBinary(deps({ [path.join('/nm/electron', 'path.txt')]: 'electron' }))).toEqual({
      ok: false,
      reason: 'binary ontbreekt',
    });
  });

  it('reports a missing npm package', () => {
    expect(findElectronBinary(deps({}, {}, false))).toEqual({
      ok: false,
      reason: 'het npm-pakket electron is niet geïnstalleerd',
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const file = path.join('/opt/electron', 'electron');
    expect(
      findElectronBinary(deps({ [file]: '' }, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })),
    ).toEqual({
      ok: true,
      path: file,
    });
    expect(findElectronBinary(deps({}, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/none' })).ok).toBe(false);
  });
});

describe('locateElectronBinary', () => {
  it('answers for this checkout from the file system alone (synchronously: nothing to download)', () => {
    const result = locateElectronBinary(path.resolve(__dirname, '../..'), {});
    if (result.ok) expect(path.isAbsolute(result.path)).toBe(true);
    else expect(result.reason).toMatch(/binary ontbreekt|niet geïnstalleerd/);
  });
});
