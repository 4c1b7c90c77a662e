// Checks the built widget: size (raw, gzip, brotli) and that loading it on a page adds exactly one global,
// `window.KccChat`, and one shadow host. Run after `npm run build`: `node scripts/check-bundle.mjs`.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';

const file = new URL('../dist/widget.js', import.meta.url);
const code = readFileSync(file);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(
  `widget.js: ${kb(code.length)} raw, ${kb(gzipSync(code, { level: 9 }).length)} gzip, ${kb(brotliCompressSync(code).length)} brotli`,
);

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
console.log('ok: one global (window.KccChat), one shadow host, <head> untouched, open/close work');
dom.window.close();
