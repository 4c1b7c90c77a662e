/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * `dist/widget-cobrowse.js`: the co-browse chunk (dialogs, banner, rrweb recorder). A second IIFE build, because
 * the widget itself is one IIFE file (library mode cannot split it); the widget loads this file only when a
 * co-browse session starts. Runs after the main build (which empties `dist/`).
 */
export default defineConfig({
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: false,
    target: 'es2019',
    minify: true,
    lib: {
      entry: fileURLToPath(new URL('./src/cobrowse/chunk.ts', import.meta.url)),
      name: 'KccCobrowseChunk',
      formats: ['iife'],
      fileName: () => 'widget-cobrowse.js',
    },
  },
});
