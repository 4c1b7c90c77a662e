import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesktop, type BuildDesktopResult } from '../build.mjs';

let result: BuildDesktopResult;
let outdir: string;

beforeAll(async () => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-desktop-build-'));
  result = await buildDesktop({ outdir, quiet: true });
}, 60_000);

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

function requiredModules(file: string): string[] {
  const code = fs.readFileSync(path.join(outdir, file), 'utf8');
  return [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
}

describe('desktop bundle', () => {
  it('emits main.cjs, preload.cjs and the runtime icons', () => {
    expect(Object.keys(result.files).sort()).toEqual(
      ['icons/256x256.png', 'icons/32x32.png', 'main.cjs', 'preload.cjs'].sort(),
    );
  });

  it('keeps the sandboxed preload one small file that requires only electron (no zod)', () => {
    expect(requiredModules('preload.cjs')).toEqual(['electron']);
    const code = fs.readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    expect(code).not.toMatch(/zod|ZodError/);
    expect(code).toContain('exposeInMainWorld');
    expect(result.files['preload.cjs']).toBeLessThan(8 * 1024);
  });

  it('bundles everything into main.cjs except electron and Node built-ins', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const external = requiredModules('main.cjs').filter((m) => m !== 'electron' && !builtins.has(m));
    expect(external).toEqual([]);
  });
});
