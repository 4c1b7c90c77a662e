import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RatingForm } from '@kcc/contracts/dashboard';
import type { ContactsRepository } from '../contacts/contacts.repository';
import { memoryRateLimitStore, RateLimiter, retryAfterSeconds, type RateLimitStore } from '../rate-limit';
import type { RatingLinks } from './rating-link';
import type { RatingTokens } from './rating-tokens';

const TokenParams = z.object({ token: z.string().min(1).max(400) });

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
fieldset{border:0;padding:0;margin:1rem 0;display:flex;gap:.5rem;flex-wrap:wrap}
label.score{display:inline-flex;flex-direction:column;align-items:center;border:2px solid #555;border-radius:.5rem;padding:.5rem .9rem;cursor:pointer}
label.score:focus-within{outline:3px solid #0b5cad}
textarea{width:100%;min-height:5rem;font:inherit}
button{font:inherit;padding:.6rem 1.2rem;background:#0b5cad;color:#fff;border:0;border-radius:.4rem;cursor:pointer}
.fout{color:#a00000}
</style></head><body><main>${body}</main></body></html>`;
}

const LABELS = ['Heel ontevreden', 'Ontevreden', 'Neutraal', 'Tevreden', 'Heel tevreden'];

/** What the resident is asked about: the reply they got by e-mail, or the call they had. */
const WAAROVER: Record<string, string> = { email: 'ons antwoord', telefoon: 'het telefoongesprek' };

function formPage(token: string, error?: string, channel = 'email'): string {
  const over = WAAROVER[channel] ?? 'ons antwoord';
  const scores = LABELS.map(
    (label, i) =>
      `<label class="score"><input type="radio" name="score" value="${i + 1}" required> <span>${i + 1}</span><span>${label}</span></label>`,
  ).join('');
  return page(
    `Uw mening over ${over}`,
    `<h1>Hoe tevreden bent u over ${over}?</h1>
<p>Kies een cijfer van 1 (heel ontevreden) tot 5 (heel tevreden).</p>
${error ? `<p class="fout" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/beoordeling/${escapeHtml(token)}">
<fieldset><legend>Uw cijfer</legend>${scores}</fieldset>
<p><label for="comment">Wilt u nog iets kwijt? (niet verplicht, geen persoonlijke gegevens)</label><br>
<textarea id="comment" name="comment" maxlength="1000"></textarea></p>
<button type="submit">Verstuur</button>
</form>`,
  );
}

const notFound = page(
  'Link werkt niet',
  '<h1>Deze link werkt niet</h1><p>Controleer of u de hele link uit de e-mail heeft gebruikt.</p>',
);
const thanks = page(
  'Bedankt',
  '<h1>Bedankt voor uw mening</h1><p>Wij gebruiken uw cijfer om onze dienstverlening te verbeteren.</p>',
);
const already = page('Al ontvangen', '<h1>Wij hebben uw mening al ontvangen</h1><p>Bedankt!</p>');
const tooMany = page(
  'Even wachten',
  '<h1>Te veel pogingen</h1><p>Probeer het over een paar minuten opnieuw.</p>',
);

/**
 * `GET /beoordeling/:token` shows a small form, `POST` stores the rating as a `csat` contact event
 * (`{score, channel}`), once per contact and channel. Form posts and JSON are both accepted. Two kinds of token:
 * the signed link in e-mail replies (channel `email`), and the single-use random link sent after a phone contact
 * (channel `telefoon`, `RatingTokens`). Both pages are public: rate-limited per IP.
 */
export function registerRatingRoutes(
  app: FastifyInstance,
  deps: {
    links: RatingLinks;
    tokens: RatingTokens;
    contacts: ContactsRepository;
    now: () => number;
    /** Requests per IP per minute (default 30). */
    perMinute?: number;
    /** Where the counters live (default: this process's memory; in a cluster: Redis). */
    rateLimitStore?: RateLimitStore;
  },
): void {
  const limiter = new RateLimiter(
    deps.rateLimitStore ?? memoryRateLimitStore,
    'beoordeling',
    deps.perMinute ?? 30,
    60_000,
  );
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 10_000 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.addHook('onRequest', async (request, reply) => {
      const allowed = await limiter.hit(request.ip);
      if (allowed.ok) return;
      const wait = retryAfterSeconds(allowed.retryAfterMs);
      return reply
        .code(429)
        .header('retry-after', String(wait))
        .type('text/html; charset=utf-8')
        .send(tooMany);
    });
    const resolve = async (params: unknown) => {
      const parsed = TokenParams.safeParse(params);
      if (!parsed.success) return undefined;
      const token = parsed.data.token;
      const signed = deps.links.verify(token);
      const single = signed === undefined ? await deps.tokens.resolve(token) : undefined;
      const contactId = signed ?? single?.contactId;
      const contact = contactId !== undefined ? await deps.contacts.get(contactId) : undefined;
      if (!contact) return undefined;
      return {
        contact,
        token,
        channel: single?.kanaal ?? 'email',
        singleUse: single !== undefined,
        used: single?.used ?? false,
      };
    };
    const rated = async (found: { contact: { id: string }; channel: string; used: boolean }) =>
      found.used ||
      (await deps.contacts.events(found.contact.id)).some(
        (e) => e.type === 'csat' && e.data?.channel === found.channel,
      );

    scope.get('/beoordeling/:token', async (request, reply) => {
      const found = await resolve(request.params);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!found) return reply.code(404).send(notFound);
      return reply.send((await rated(found)) ? already : formPage(found.token, undefined, found.channel));
    });

    scope.post('/beoordeling/:token', async (request, reply) => {
      const found = await resolve(request.params);
      const json = request.headers['content-type']?.includes('application/json') ?? false;
      if (!found) {
        return json
          ? reply.code(404).type('application/problem+json').send({ title: 'Niet gevonden', status: 404 })
          : reply.code(404).type('text/html; charset=utf-8').send(notFound);
      }
      const form = RatingForm.safeParse(request.body ?? {});
      if (!form.success) {
        return json
          ? reply
              .code(400)
              .type('application/problem+json')
              .send({
                title: 'Ongeldige invoer',
                status: 400,
                invalidParams: form.error.issues.map((i) => ({
                  name: i.path.join('.') || 'body',
                  code: i.code,
                  reason: i.message,
                })),
              })
          : reply
              .code(400)
              .type('text/html; charset=utf-8')
              .send(formPage(found.token, 'Kies een cijfer van 1 tot 5.', found.channel));
      }
      if ((await rated(found)) || (found.singleUse && !(await deps.tokens.use(found.token)))) {
        return json
          ? reply.code(409).send({ ok: false, error: 'already_rated' })
          : reply.type('text/html; charset=utf-8').send(already);
      }
      const comment = form.data.comment?.trim();
      await deps.contacts.appendEvent({
        contactId: found.contact.id,
        type: 'csat',
        at: deps.now(),
        data: { score: form.data.score, channel: found.channel, ...(comment ? { comment } : {}) },
      });
      return json ? reply.code(201).send({ ok: true }) : reply.type('text/html; charset=utf-8').send(thanks);
    });
  });
}
