import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/** The sync server the dev server proxies to (same origin in production: the server serves `dist/`). */
const serverTarget = 'http://127.0.0.1:4700';

export default defineConfig({
  // Relative asset URLs: the build works when served at `/` by the server and from a file/custom protocol in Electron.
  base: './',
  plugins: [react(), tailwindcss()],
  // No source maps in the shipped bundle (it goes into the desktop installer); use `vite build --sourcemap` to debug.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: serverTarget, changeOrigin: false },
      '/socket.io': { target: serverTarget, ws: true },
      '/klantinteracties': { target: serverTarget },
      '/health': { target: serverTarget },
    },
  },
});
