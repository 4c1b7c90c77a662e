import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WebformRequest } from '@kcc/contracts/channels';
import { HttpProblem, problems, type ProblemBody } from '../../../http/problem';
import { parseOrThrow } from '../../../http/validate';
import { memoryRateLimitStore, RateLimiter, retryAfterSeconds, type RateLimitStore } from '../../rate-limit';

/** The form name the submissions carry in the web-form channel (and the contact's subject). */
export const DEMO_FORM_NAME = 'Contactformulier website';

const optionalText = (max: number, reason: string) =>
  z
    .string(reason)
    .trim()
    .max(max, reason)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/** What `apps/widget/demo/contact.js` posts; field names match the form so the page can mark the field. */
export const DemoContactForm = z.object({
  naam: z.string('Vul uw naam in.').trim().min(1, 'Vul uw naam in.').max(200, 'Uw naam is te lang.'),
  email: z
    .string('Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.')
    .trim()
    .pipe(z.email('Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.').max(254)),
  telefoon: optionalText(40, 'Vul een telefoonnummer in van hooguit 40 tekens.').refine(
    (v) => v === undefined || /^\+?[0-9 ()-]{6,40}$/.test(v),
    'Vul een goed telefoonnummer in, bijvoorbeeld 06 12345678.',
  ),
  onderwerp: optionalText(200, 'Het onderwerp mag hooguit 200 tekens hebben.'),
  vraag: z
    .string('Vul uw vraag in.')
    .trim()
    .min(1, 'Vul uw vraag in.')
    .max(5000, 'Uw vraag is te lang: hooguit 5000 tekens. Start anders een chat.'),
});
export type DemoContactForm = z.infer<typeof DemoContactForm>;

export interface DemoContactFormDeps {
  /** The web-form channel's key; it stays on the server. Undefined: the form answers 503. */
  integrationKey: string | undefined;
  /** Origins the demo site is served from (the server's own URL and KCC_PUBLIC_URL). */
  ownOrigins: readonly string[];
  /** Submissions per IP per window (default 5 per 10 minutes). */
  limit?: number;
  windowMs?: number;
  /** Where the counters live (default: this process's memory; in a cluster: Redis). */
  rateLimitStore?: RateLimitStore;
}

/** The submission in the web-form channel's shape. */
export function toWebformRequest(form: DemoContactForm): WebformRequest {
  return {
    formulier: DEMO_FORM_NAME,
    velden: {
      ...(form.onderwerp !== undefined ? { Onderwerp: form.onderwerp } : {}),
      Vraag: form.vraag,
      ...(form.telefoon !== undefined ? { Telefoon: form.telefoon } : {}),
    },
    indiener: {
      naam: form.naam,
      email: form.email,
      ...(form.telefoon !== undefined ? { telefoon: form.telefoon } : {}),
    },
  };
}

function sameOrigin(request: FastifyRequest, ownOrigins: ReadonlySet<string>): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  const origin = request.headers.origin;
  // Browsers send Origin on every cross-origin POST; a same-origin fetch may send it too. The page may have been
  // opened under another name than the configured ones (a LAN address): then Origin equals this request's host.
  if (origin !== undefined) {
    const normalised = origin.replace(/\/+$/, '');
    return ownOrigins.has(normalised) || normalised === `${request.protocol}://${request.host}`;
  }
  return fetchSite === 'same-origin';
}

/**
 * `POST /demo/contactformulier`: the demo site's contact form. Same origin only, rate-limited per IP, then handed
 * to the web-form channel (`POST /api/channels/webformulier`, in-process with the integration key) so the contact
 * is created exactly like one from a real form platform.
 */
export function registerDemoContactFormRoute(app: FastifyInstance, deps: DemoContactFormDeps): void {
  const ownOrigins = new Set(deps.ownOrigins.map((o) => o.replace(/\/+$/, '')));
  const limiter = new RateLimiter(
    deps.rateLimitStore ?? memoryRateLimitStore,
    'demo-contactformulier',
    deps.limit ?? 5,
    deps.windowMs ?? 10 * 60_000,
  );

  app.post('/demo/contactformulier', async (request, reply) => {
    if (!sameOrigin(request, ownOrigins)) {
      throw problems.forbidden('Dit formulier kan alleen vanaf de website van de gemeente worden verstuurd.');
    }
    const form = parseOrThrow(DemoContactForm, request.body ?? {}, 'body');
    if (deps.integrationKey === undefined) {
      throw new HttpProblem(
        503,
        'Niet beschikbaar',
        'Het contactformulier is niet ingesteld (KCC_INTEGRATION_KEY ontbreekt).',
      );
    }
    // Count only well-formed submissions: a resident correcting a typo is not refused.
    const allowed = await limiter.hit(request.ip);
    if (!allowed.ok) throw problems.tooManyRequests(retryAfterSeconds(allowed.retryAfterMs));

    const forwarded = await app.inject({
      method: 'POST',
      url: '/api/channels/webformulier',
      headers: { 'content-type': 'application/json', 'x-integration-key': deps.integrationKey },
      payload: JSON.stringify(toWebformRequest(form)),
    });
    if (forwarded.statusCode === 200 || forwarded.statusCode === 201) {
      const { contactId } = forwarded.json<{ contactId: string }>();
      return reply.code(forwarded.statusCode).send({ contactId });
    }
    request.log.warn(
      { status: forwarded.statusCode, problem: safeProblem(forwarded.body) },
      'demo contact form: web-form channel refused the submission',
    );
    if (forwarded.statusCode === 400) {
      throw problems.invalid(
        (safeProblem(forwarded.body)?.invalidParams ?? []).map((p) => ({ ...p, name: formFieldOf(p.name) })),
        'Het formulier kon niet worden verwerkt. Controleer wat u heeft ingevuld.',
      );
    }
    throw new HttpProblem(503, 'Niet beschikbaar', 'Het formulier werkt nu niet. Probeer het later opnieuw.');
  });
}

/** The web-form channel's field path as the name of the demo form's field. */
function formFieldOf(name: string): string {
  if (name.startsWith('indiener.')) return name.slice('indiener.'.length);
  if (name.startsWith('velden.')) return name.slice('velden.'.length).toLowerCase();
  return name;
}

function safeProblem(body: string): ProblemBody | undefined {
  try {
    return JSON.parse(body) as ProblemBody;
  } catch {
    return undefined;
  }
}
