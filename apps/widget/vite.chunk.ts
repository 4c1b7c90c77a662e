/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/**
 * A lazy chunk of the widget as an IIFE file of its own in `dist/`: the widget itself is one IIFE file (library
 * mode cannot split it), so each chunk is a separate build that runs after the main one (which empties `dist/`).
 */
export function chunkConfig(chunk: { entry: string; name: string; fileName: string }): UserConfig {
  return defineConfig({
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      sourcemap: false,
      target: 'es2019',
      minify: true,
      lib: {
        entry: fileURLToPath(new URL(chunk.entry, import.meta.url)),
        name: chunk.name,
        formats: ['iife'],
        fileName: () => chunk.fileName,
      },
    },
  });
}
