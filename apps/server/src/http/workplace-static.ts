import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemNotFound } from './error-handlers';
import { sendProblem } from './problem';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>KCC-werkplek</title></head>
<body>
<main>
<h1>De werkplek is nog niet gebouwd</h1>
<p>De server draait, maar de webversie van de werkplek is er nog niet.</p>
<p>Bouw hem met <code>npm run build</code> en laad deze pagina opnieuw.</p>
</main>
</body>
</html>`;

const API_PREFIXES = ['/api', '/klantinteracties', '/socket.io', '/health'];

function isApiPath(url: string): boolean {
  const p = url.split('?')[0] ?? url;
  return API_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
}

/**
 * Serve the built workplace with an SPA fallback to index.html; when it is not built, `/` explains how.
 * Everything else unknown answers a problem JSON 404.
 */
export async function registerWorkplaceStatic(app: FastifyInstance, workplaceDir: string): Promise<void> {
  const built = fs.existsSync(path.join(workplaceDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: workplaceDir, index: ['index.html'], wildcard: true });
  } else {
    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (built && request.method === 'GET' && wantsHtml && !isApiPath(request.url)) {
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, problemNotFound(request.url));
  });
}
