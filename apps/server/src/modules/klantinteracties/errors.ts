import type { z } from 'zod';

export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** A write the store refuses (unknown reference, duplicate identificator, bad phone number…). */
export class KiValidationError extends Error {
  constructor(readonly invalidParams: InvalidParam[]) {
    super(invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '));
    this.name = 'KiValidationError';
  }

  static one(name: string, code: string, reason: string): KiValidationError {
    return new KiValidationError([{ name, code, reason }]);
  }
}

/** A resource that does not exist (→ 404 over HTTP). */
export class KiNotFoundError extends Error {
  constructor(readonly resource: string) {
    super(`${resource} niet gevonden.`);
    this.name = 'KiNotFoundError';
  }
}

/** zod issues → vng-api-common invalidParams (codes as Django REST framework names them, reasons in Dutch). */
export function zodIssuesToInvalidParams(error: z.ZodError, prefix?: string): InvalidParam[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    const name = path || 'nonFieldErrors';
    const input = (issue as { input?: unknown }).input;
    if (input === undefined && issue.code !== 'custom' && issue.code !== 'unrecognized_keys') {
      return { name, code: 'required', reason: 'Dit veld is vereist.' };
    }
    switch (issue.code) {
      case 'invalid_type':
        if (input === null) return { name, code: 'null', reason: 'Dit veld mag niet leeg zijn.' };
        return { name, code: 'invalid', reason: `Ongeldige waarde: verwacht ${issue.expected}.` };
      case 'too_big':
        return issue.origin === 'string'
          ? {
              name,
              code: 'max_length',
              reason: `Zorg ervoor dat dit veld niet meer dan ${String(issue.maximum)} tekens bevat.`,
            }
          : {
              name,
              code: 'max_value',
              reason: `Zorg ervoor dat deze waarde kleiner is dan of gelijk aan ${String(issue.maximum)}.`,
            };
      case 'too_small':
        return issue.origin === 'string'
          ? {
              name,
              code: 'min_length',
              reason: `Zorg ervoor dat dit veld minstens ${String(issue.minimum)} tekens bevat.`,
            }
          : {
              name,
              code: 'min_value',
              reason: `Zorg ervoor dat deze waarde groter is dan of gelijk aan ${String(issue.minimum)}.`,
            };
      case 'invalid_value':
        return { name, code: 'invalid_choice', reason: `"${String(input)}" is een ongeldige keuze.` };
      case 'invalid_format':
        return { name, code: 'invalid', reason: `Ongeldige waarde (${issue.format}).` };
      case 'custom':
        return {
          name,
          code: typeof issue.params?.code === 'string' ? issue.params.code : 'invalid',
          reason: issue.message,
        };
      default:
        return { name, code: 'invalid', reason: issue.message };
    }
  });
}
