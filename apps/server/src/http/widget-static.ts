import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The demo pages load only our own files: the widget script, its socket (same origin, so `'self'` covers
 * ws/wss in CSP 3 browsers) and the stylesheet. The widget's CSS is a constructed stylesheet, which needs no
 * `'unsafe-inline'`.
 */
export const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `widget.js` keeps its name between releases, so caches must revalidate soon (ETag makes that cheap). */
const WIDGET_CACHE = 'public, max-age=300, must-revalidate';
const DEMO_HTML_CACHE = 'no-cache';
const DEMO_ASSET_CACHE = 'public, max-age=300, must-revalidate';

const NOT_BUILT_DEMO = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Demosite niet gebouwd</title></head>
<body>
<main>
<h1>De demosite is nog niet gebouwd</h1>
<p>De server draait, maar de chatwidget en de demosite van Gemeente Voorbeeldstad zijn er nog niet.</p>
<p>Bouw ze met <code>npm run build</code> en laad deze pagina opnieuw.</p>
</main>
</body>
</html>`;

const NOT_FOUND_DEMO = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Pagina niet gevonden - Gemeente Voorbeeldstad</title></head>
<body>
<main>
<h1>Deze pagina bestaat niet</h1>
<p><a href="/demo/">Naar de homepage van Gemeente Voorbeeldstad</a></p>
</main>
</body>
</html>`;

const NOT_BUILT_WIDGET = '/* De chatwidget is nog niet gebouwd: voer npm run build uit. */\n';

export interface WidgetStaticStatus {
  widget: boolean;
  demo: boolean;
}

/** `KCC_WIDGET_DIR`, or `<repo>/apps/widget/dist`. */
export function widgetDirFromEnv(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.KCC_WIDGET_DIR?.trim();
  return fromEnv ? path.resolve(fromEnv) : path.join(repoRoot, 'apps/widget/dist');
}

/**
 * `/widget.js` (the citizen chat widget, with `/widget-socket.js`, its socket.io chunk) and `/demo/` (the demo municipal website) from the widget build
 * (`<widgetDir>/widget.js`, `<widgetDir>/demo/`). Both live in their own scope with their own 404, so the
 * workplace's SPA fallback never answers for them. Without a build they answer a short Dutch 404.
 */
export async function registerWidgetStatic(
  app: FastifyInstance,
  widgetDir: string,
): Promise<WidgetStaticStatus> {
  const widgetFile = path.join(widgetDir, 'widget.js');
  const demoDir = path.join(widgetDir, 'demo');
  const status: WidgetStaticStatus = {
    widget: fs.existsSync(widgetFile),
    demo: fs.existsSync(path.join(demoDir, 'index.html')),
  };

  await app.register(async (scope) => {
    if (status.widget) {
      await scope.register(fastifyStatic, { root: widgetDir, serve: false });
      // The widget and the socket.io chunk it loads when the chat opens (apps/widget: `widget-socket.js`).
      for (const file of ['widget.js', 'widget-socket.js']) {
        scope.get(`/${file}`, async (_request, reply) => {
          reply.header('cache-control', WIDGET_CACHE);
          reply.header('x-content-type-options', 'nosniff');
          // Municipal websites on other origins load it with a plain <script> tag.
          reply.header('cross-origin-resource-policy', 'cross-origin');
          return reply.sendFile(file, { cacheControl: false });
        });
      }
    } else {
      scope.get('/widget.js', async (_request, reply) =>
        reply
          .code(404)
          .type('text/javascript; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(NOT_BUILT_WIDGET),
      );
    }
  });

  app.get('/demo', async (request, reply) => {
    const query = request.url.indexOf('?');
    return reply.redirect(`/demo/${query >= 0 ? request.url.slice(query) : ''}`, 301);
  });

  await app.register(
    async (scope) => {
      scope.setNotFoundHandler(async (_request, reply) =>
        reply
          .code(404)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-security-policy', DEMO_CSP)
          .send(status.demo ? NOT_FOUND_DEMO : NOT_BUILT_DEMO),
      );
      if (!status.demo) return;
      await scope.register(fastifyStatic, {
        root: demoDir,
        prefix: '/',
        index: ['index.html'],
        redirect: false,
        cacheControl: false,
        decorateReply: false,
        setHeaders: (reply, filePath) => {
          const isHtml = filePath.endsWith('.html');
          reply.header('cache-control', isHtml ? DEMO_HTML_CACHE : DEMO_ASSET_CACHE);
          reply.header('x-content-type-options', 'nosniff');
          reply.header('referrer-policy', 'same-origin');
          if (isHtml) reply.header('content-security-policy', DEMO_CSP);
        },
      });
    },
    { prefix: '/demo' },
  );
  return status;
}
