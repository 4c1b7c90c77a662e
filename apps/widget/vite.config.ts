/// <reference types="node" />
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Copies the static demo website next to the widget: the server serves `dist/demo/` at `/demo/`. */
function copyDemo(): Plugin {
  return {
    name: 'kcc-copy-demo',
    apply: 'build',
    closeBundle() {
      const target = here('./dist/demo');
      if (existsSync(target)) rmSync(target, { recursive: true });
      cpSync(here('./demo'), target, { recursive: true });
    },
  };
}

export default defineConfig({
  // Library mode does not replace this on its own; socket.io-client's dependencies read it.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [copyDemo()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2019',
    minify: true,
    lib: {
      entry: here('./src/main.ts'),
      // The IIFE's return value (main.ts's exports) becomes the single global `window.KccChat`.
      name: 'KccChat',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
