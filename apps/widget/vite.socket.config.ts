/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * `dist/widget-socket.js`: socket.io's client, the largest part of the widget, which it loads only when the
 * resident opens the chat or a co-browse session starts (`src/lazy-chunk.ts`). An IIFE build of its own, as
 * `vite.cobrowse.config.ts`; runs after the main build (which empties `dist/`).
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
      entry: fileURLToPath(new URL('./src/socket-chunk.ts', import.meta.url)),
      name: 'KccSocketChunk',
      formats: ['iife'],
      fileName: () => 'widget-socket.js',
    },
  },
});
