import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ArticleInput,
  ArticleListQuery,
  KanaalsturingStatsQuery,
  KanalenmatrixPut,
  KennisbankFeedbackInput,
  KennisbankSearchQuery,
  SynonymsBody,
  type KanalenmatrixResponse,
  type NieuwsGelezenResponse,
} from '@kcc/contracts/kennisbank';
import type { Role } from '@kcc/contracts/domain';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { problems, type InvalidParam } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ArticleFields, KennisbankService } from './kennisbank.service';
import { validFromMs, validUntilMs } from './validity';

/** Who may edit content (create, edit, publish, synonyms). Deleting and the kanalenmatrix: beheerder only. */
export const CONTENT_EDITORS: Role[] = ['beheerder', 'redacteur'];
/** Everyone who works with content; other roles (e.g. privacy) have no use for the kennisbank. */
export const CONTENT_READERS: Role[] = ['medewerker', 'teamleider', 'beheerder', 'redacteur'];
const KPI_READERS: Role[] = ['teamleider', 'beheerder'];

const IdParams = z.object({ id: z.string().min(1).max(200) });
const ProductParams = z.object({ product: z.string().trim().min(1).max(200) });

function articleIssues(f: ArticleFields, service: KennisbankService): InvalidParam[] {
  const issues: InvalidParam[] = [];
  if (
    f.validFrom !== undefined &&
    f.validUntil !== undefined &&
    validUntilMs(f.validUntil) < validFromMs(f.validFrom)
  ) {
    issues.push({ name: 'validUntil', code: 'too_small', reason: 'validUntil ligt vóór validFrom.' });
  }
  if (f.belangrijk && f.type !== 'nieuws') {
    issues.push({
      name: 'belangrijk',
      code: 'invalid_value',
      reason: 'Alleen een werkbericht (type nieuws) kan belangrijk zijn.',
    });
  }
  if (f.product !== undefined && !service.hasProduct(f.product)) {
    issues.push({
      name: 'product',
      code: 'invalid_value',
      reason: 'Dit product staat niet in de kanalenmatrix.',
    });
  }
  return issues;
}

function parseArticle(body: unknown, service: KennisbankService): ArticleFields {
  const fields = parseOrThrow(ArticleInput, body, 'body');
  const issues = articleIssues(fields, service);
  if (issues.length > 0) throw problems.invalid(issues);
  return fields;
}

/** Kennisbank search, articles and beheer, synonyms, kanalenmatrix, werkberichten and the kanaalsturing KPI. */
export function registerKennisbankRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; service: KennisbankService },
): void {
  const { guard, service } = deps;
  const readers = { preHandler: guard.require(...CONTENT_READERS) };
  const editors = { preHandler: guard.require(...CONTENT_EDITORS) };
  const beheerder = { preHandler: guard.require('beheerder') };
  const kpi = { preHandler: guard.require(...KPI_READERS) };
  const editor = (request: Parameters<typeof currentUser>[0]) => {
    const user = currentUser(request);
    return { id: user.id, name: user.name };
  };
  const isEditor = (roles: readonly Role[]) => roles.some((r) => CONTENT_EDITORS.includes(r));
  const notFound = () => problems.notFound('Dit kennisbankartikel bestaat niet.');

  app.get('/api/kennisbank/search', readers, async (request) => {
    const { q, limit, type } = parseOrThrow(KennisbankSearchQuery, request.query, 'query');
    return service.search(q, { limit, type });
  });

  app.get('/api/kennisbank/articles', editors, async (request) => {
    const { type, published, titel, limit, offset } = parseOrThrow(ArticleListQuery, request.query, 'query');
    return service.listArticles({
      limit,
      offset,
      ...(type !== undefined ? { type } : {}),
      ...(published !== undefined ? { published: published === 'true' } : {}),
      ...(titel !== undefined ? { titel } : {}),
    });
  });

  app.get('/api/kennisbank/articles/:id', readers, async (request) => {
    const { id } = parseOrThrow(IdParams, request.params, 'params');
    const article = await service.article(id, { includeHidden: isEditor(currentUser(request).roles) });
    if (!article) throw notFound();
    return article;
  });

  app.post('/api/kennisbank/articles', editors, async (request, reply) => {
    const fields = parseArticle(request.body, service);
    const article = await service.createArticle(fields, editor(request));
    return reply
      .code(201)
      .header('location', `/api/kennisbank/articles/${encodeURIComponent(article.id)}`)
      .send(article);
  });

  app.put('/api/kennisbank/articles/:id', editors, async (request) => {
    const { id } = parseOrThrow(IdParams, request.params, 'params');
    const fields = parseArticle(request.body, service);
    const article = await service.replaceArticle(id, fields, editor(request));
    if (!article) throw notFound();
    return article;
  });

  for (const [action, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post(`/api/kennisbank/articles/:id/${action}`, editors, async (request) => {
      const { id } = parseOrThrow(IdParams, request.params, 'params');
      const article = await service.setPublished(id, published, editor(request));
      if (!article) throw notFound();
      return article;
    });
  }

  app.delete('/api/kennisbank/articles/:id', beheerder, async (request, reply) => {
    const { id } = parseOrThrow(IdParams, request.params, 'params');
    if (!(await service.deleteArticle(id))) throw notFound();
    return reply.code(204).send();
  });

  app.get('/api/kennisbank/synonyms', editors, async () => service.synonyms());

  app.put('/api/kennisbank/synonyms', editors, async (request) => {
    const { synonyms } = parseOrThrow(SynonymsBody, request.body, 'body');
    return service.replaceSynonyms(synonyms, editor(request));
  });

  app.get('/api/kanalenmatrix', readers, async () => {
    const response: KanalenmatrixResponse = { items: await service.kanalenmatrix() };
    return response;
  });

  app.put('/api/kanalenmatrix/:product', beheerder, async (request) => {
    const { product } = parseOrThrow(ProductParams, request.params, 'params');
    const body = parseOrThrow(KanalenmatrixPut, request.body, 'body');
    return service.putKanaal(product, body, editor(request));
  });

  app.get('/api/kennisbank/nieuws', readers, async (request) => service.nieuws(currentUser(request).id));

  app.post('/api/kennisbank/nieuws/:id/gelezen', readers, async (request) => {
    const { id } = parseOrThrow(IdParams, request.params, 'params');
    if (!(await service.markGelezen(id, currentUser(request).id))) {
      throw problems.notFound('Dit werkbericht bestaat niet of is niet meer geldig.');
    }
    const response: NieuwsGelezenResponse = { id, gelezen: true };
    return response;
  });

  app.post('/api/kennisbank/feedback', readers, async (request, reply) => {
    const input = parseOrThrow(KennisbankFeedbackInput, request.body, 'body');
    if (!(await service.quality?.recordFeedback(currentUser(request).id, input))) throw notFound();
    return reply.code(204).send();
  });

  app.get('/api/kennisbank/rapport', editors, async () => {
    if (!service.quality) throw problems.notFound('Geen rapport beschikbaar.');
    return service.quality.rapport();
  });

  app.get('/api/kennisbank/kanaalsturing/stats', kpi, async (request) => {
    const { from, to } = parseOrThrow(KanaalsturingStatsQuery, request.query, 'query');
    return service.kanaalsturingStats(from, to);
  });
}
