import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

export interface ProblemBody {
  title: string;
  status: number;
  detail?: string;
  invalidParams?: InvalidParam[];
}

/** Throw from a handler; the error handler turns it into problem JSON. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly invalidParams?: InvalidParam[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  toBody(): ProblemBody {
    return {
      title: this.title,
      status: this.status,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(this.invalidParams !== undefined ? { invalidParams: this.invalidParams } : {}),
    };
  }
}

export const problems = {
  invalid: (invalidParams: InvalidParam[], detail = 'Een of meer velden zijn niet goed ingevuld.') =>
    new HttpProblem(400, 'Ongeldige invoer', detail, invalidParams),
  badRequest: (detail: string) => new HttpProblem(400, 'Ongeldig verzoek', detail),
  unauthorized: (detail = 'Log opnieuw in.') => new HttpProblem(401, 'Niet ingelogd', detail),
  forbidden: (detail = 'U heeft geen toegang tot deze functie.') =>
    new HttpProblem(403, 'Geen toegang', detail),
  notFound: (detail = 'Deze gegevens bestaan niet.') => new HttpProblem(404, 'Niet gevonden', detail),
  conflict: (detail: string) => new HttpProblem(409, 'Conflict', detail),
  unprocessable: (detail: string) => new HttpProblem(422, 'Kan niet verwerken', detail),
  tooManyRequests: (retryAfterSeconds: number) =>
    new HttpProblem(
      429,
      'Te veel pogingen',
      `Probeer het over ${retryAfterSeconds} seconden opnieuw.`,
      undefined,
      {
        'retry-after': String(retryAfterSeconds),
      },
    ),
};

/** zod issues → invalidParams; `prefix` names the part of the request (body, query, header). */
export function zodToInvalidParams(error: z.ZodError, prefix?: string): InvalidParam[] {
  return error.issues.map((issue) => {
    const p = issue.path.map(String).join('.');
    const name = [prefix, p].filter((s) => s !== undefined && s !== '').join('.') || prefix || 'body';
    return { name, code: issue.code, reason: issue.message };
  });
}

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  if (problem.headers) reply.headers(problem.headers);
  return reply.code(problem.status).type('application/problem+json').send(problem.toBody());
}
