// Checks the built widget: its first load stays within 30 kB gzipped (30,000 bytes, gzip -9), and loading it on a
// page adds exactly one global, `window.KccChat`, and one shadow host. Run after `npm run build`
// (`npm run check:bundle -w @kcc/widget`); `npm test` runs it after the build of its end-to-end step.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';

/** Issue 12: the widget's first load (everything but the lazily loaded co-browse chunk) is at most 30 kB gzipped. */
const FIRST_LOAD_GZIP_LIMIT = 30_000;

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const sizes = (name) => {
  const bytes = readFileSync(new URL(`../dist/${name}`, import.meta.url));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(
    `${name}: ${kb(bytes.length)} raw, ${kb(gzip)} gzip, ${kb(brotliCompressSync(bytes).length)} brotli`,
  );
  return { bytes, gzip };
};
const { bytes: code, gzip } = sizes('widget.js');
sizes('widget-socket.js');
sizes('widget-cobrowse.js');

const dom = new JSDOM(
  '<!doctype html><html><head></head><body><main>page</main><script src="https://kcc.example.nl/widget.js" data-queue="chat"></script></body></html>',
  { runScripts: 'outside-only', url: 'https://www.voorbeeldstad.nl/' },
);
const before = new Set(Object.getOwnPropertyNames(dom.window));
dom.window.eval(code.toString());
if (dom.window.document.readyState === 'loading') {
  await new Promise((resolve) => dom.window.document.addEventListener('DOMContentLoaded', resolve));
}
const added = Object.getOwnPropertyNames(dom.window).filter((name) => !before.has(name));
const host = dom.window.document.getElementById('kcc-chat-widget');
const api = dom.window.KccChat;
const problems = [];
if (gzip > FIRST_LOAD_GZIP_LIMIT)
  problems.push(
    `widget.js is ${kb(gzip)} gzipped, more than the ${kb(FIRST_LOAD_GZIP_LIMIT)} of the first load`,
  );
if (added.join(',') !== 'KccChat') problems.push(`globals added: ${added.join(', ') || '(none)'}`);
if (!api || typeof api.open !== 'function' || typeof api.close !== 'function')
  problems.push('KccChat.open/close missing');
if (!host?.shadowRoot) problems.push('no shadow host');
if (dom.window.document.head.children.length !== 0) problems.push('the widget touched <head>');
if (problems.length === 0) {
  api.open();
  const dialog = host.shadowRoot.querySelector('[role="dialog"]');
  if (!dialog || dialog.hidden) problems.push('KccChat.open() did not show the dialog');
  api.close();
}
if (problems.length > 0) {
  console.error(`FAILED: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(
  `ok: first load ${kb(gzip)} gzip (limit ${kb(FIRST_LOAD_GZIP_LIMIT)}), one global (window.KccChat), one shadow host, <head> untouched, open/close work`,
);
dom.window.close();
