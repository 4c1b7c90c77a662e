// Bundles the Electron main process and the sandboxed preload into dist/ (one CommonJS file each) and copies the
// runtime icons. Usage: `node apps/desktop/build.mjs` (or `npm run build -w @kcc/desktop`).
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const iconsDir = path.resolve(here, '../../assets/icons');

/** Sizes copied next to main.cjs: window and notification icon (256) and tray icon (32). */
const RUNTIME_ICONS = ['32x32.png', '256x256.png'];

/**
 * @param {{ outdir?: string, minify?: boolean, quiet?: boolean }} [options]
 * @returns {Promise<{ outdir: string, files: Record<string, number> }>} bytes per output file
 */
export async function buildDesktop(options = {}) {
  const outdir = options.outdir ?? path.join(here, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    sourcemap: false,
    minify: options.minify ?? false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  };
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(here, 'src/main/index.ts')],
      outfile: path.join(outdir, 'main.cjs'),
    }),
    // Sandboxed preloads cannot require() anything but a few Electron modules: everything else must be inlined.
    build({
      ...common,
      platform: 'browser',
      target: 'chrome140',
      entryPoints: [path.join(here, 'src/preload/index.ts')],
      outfile: path.join(outdir, 'preload.cjs'),
    }),
  ]);
  mkdirSync(path.join(outdir, 'icons'), { recursive: true });
  for (const icon of RUNTIME_ICONS) copyFileSync(path.join(iconsDir, icon), path.join(outdir, 'icons', icon));

  /** @type {Record<string, number>} */
  const files = {};
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      files[path.relative(outdir, path.resolve(file))] = info.bytes;
    }
  }
  for (const icon of readdirSync(path.join(outdir, 'icons'))) files[`icons/${icon}`] = -1;
  if (!options.quiet) {
    for (const [file, bytes] of Object.entries(files)) {
      if (bytes >= 0) console.log(`  ${file.padEnd(14)} ${(bytes / 1024).toFixed(1).padStart(7)} kB`);
    }
  }
  return { outdir, files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildDesktop().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
