import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(__dirname, '../../..');
interface BuilderConfig {
  [key: string]: unknown;
  directories: { app: string; buildResources: string; output: string };
  extraMetadata: { main: string };
  win: { icon: string; target: unknown };
  nsis: Record<string, unknown>;
  linux: { icon: string; target: unknown };
}

const config = parse(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own configuration schema", () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('identifies the app and packs only the bundled desktop shell', () => {
    expect(config['appId']).toBe('nl.kcc.werkplek');
    expect(config['productName']).toBe('KCC Werkplek');
    expect(config['directories']).toMatchObject({ app: 'apps/desktop' });
    expect(config['files']).toEqual(['dist/**/*', 'package.json']);
    expect(config['extraMetadata']).toEqual({ main: 'dist/main.cjs' });
    expect(config['asar']).toBe(true);
    expect(config['npmRebuild']).toBe(false);
    const appPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, 'apps/desktop/package.json'), 'utf8'));
    expect(appPackage.main).toBe(config['extraMetadata'].main);
    // Everything is bundled by build.mjs, so the app needs no node_modules at run time.
    expect(appPackage.dependencies ?? {}).toEqual({});
  });

  it('registers the kcc-werkplek:// protocol', () => {
    expect(config['protocols']).toEqual([{ name: 'KCC Werkplek', schemes: ['kcc-werkplek'] }]);
  });

  it('offers a per-user or per-machine NSIS install on Windows', () => {
    expect(config['win'].target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config['nsis']).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
    });
  });

  it('builds AppImage and deb on Linux', () => {
    expect(config['linux'].target).toEqual(['AppImage', 'deb']);
  });

  it('flips the Electron fuses of the security baseline', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('references files that exist', () => {
    const existing = [
      config['directories'].app,
      config['directories'].buildResources,
      config['win'].icon,
      config['linux'].icon,
      path.join(config['directories'].app, 'build.mjs'),
    ];
    for (const file of existing) expect(fs.existsSync(path.join(repoRoot, file)), file).toBe(true);
    const linuxIcons = fs
      .readdirSync(path.join(repoRoot, config['linux'].icon))
      .filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(linuxIcons).toEqual(expect.arrayContaining(['256x256.png', '512x512.png']));
  });
});
