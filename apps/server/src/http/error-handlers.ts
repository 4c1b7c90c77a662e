import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, sendProblem } from './problem';

const TITLES: Record<number, string> = {
  400: 'Ongeldig verzoek',
  401: 'Niet ingelogd',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  405: 'Methode niet toegestaan',
  406: 'Niet aanvaardbaar',
  408: 'Verzoek duurde te lang',
  409: 'Conflict',
  411: 'Lengte ontbreekt',
  413: 'Verzoek te groot',
  414: 'Adres te lang',
  415: 'Verkeerd inhoudstype',
  422: 'Kan niet verwerken',
  429: 'Te veel pogingen',
  431: 'Headers te groot',
};

/** Safe Dutch explanations for Fastify's own client errors (never its internals). */
const DETAILS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'De JSON in het verzoek is niet geldig.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Het verzoek heeft een lege JSON-body.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Het verzoek is te groot.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Stuur de gegevens als application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'De Content-Length klopt niet.',
  FST_ERR_CTP_INVALID_TYPE: 'Het inhoudstype is ongeldig.',
  FST_ERR_CTP_EMPTY_TYPE: 'Het inhoudstype ontbreekt.',
  FST_ERR_BAD_URL: 'Het adres is ongeldig.',
  FST_ERR_MAX_PARAM_LENGTH: 'Een deel van het adres is te lang.',
};

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error);
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const detail =
        (error.code !== undefined ? DETAILS[error.code] : undefined) ??
        (error.message?.includes('JSON') ? 'De JSON in het verzoek is niet geldig.' : undefined);
      return sendProblem(reply, new HttpProblem(status, TITLES[status] ?? 'Ongeldig verzoek', detail));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      new HttpProblem(500, 'Interne fout', 'Er ging iets mis op de server. Probeer het opnieuw.'),
    );
  });
}

/** Fastify's `frameworkErrors` option: errors from the router (bad URL, too long parameter) before any route runs. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
  void sendProblem(
    reply,
    new HttpProblem(
      status,
      TITLES[status] ?? 'Ongeldig verzoek',
      DETAILS[error.code] ?? 'Het adres is ongeldig.',
    ),
  );
}

export function problemNotFound(path: string): HttpProblem {
  return new HttpProblem(404, 'Niet gevonden', `Er is niets op ${path.slice(0, 200)}.`);
}
