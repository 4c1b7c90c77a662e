import { describe, expect, it } from 'vitest';
import { TEXTS, queueText, refusalText, waitText } from './texts';

describe('texts', () => {
  it('says the queue position and the expected wait in plain Dutch', () => {
    expect(queueText(2, 60)).toBe('U bent nummer 2 in de wachtrij. Verwachte wachttijd: ongeveer 1 minuut.');
    expect(queueText(1, 10)).toBe(
      'U bent nummer 1 in de wachtrij. Verwachte wachttijd: minder dan 1 minuut.',
    );
    expect(queueText(5, 300)).toBe(
      'U bent nummer 5 in de wachtrij. Verwachte wachttijd: ongeveer 5 minuten.',
    );
    expect(queueText(3, null)).toBe('U bent nummer 3 in de wachtrij.');
    expect(queueText(3, Number.NaN)).toBe('U bent nummer 3 in de wachtrij.');
  });

  it('rounds waits to whole minutes', () => {
    expect(waitText(44)).toBe('minder dan 1 minuut');
    expect(waitText(45)).toBe('ongeveer 1 minuut');
    expect(waitText(89)).toBe('ongeveer 1 minuut');
    expect(waitText(90)).toBe('ongeveer 2 minuten');
  });

  it('explains refusals: too long, too fast, not allowed, and unknown codes', () => {
    expect(refusalText('invalid_payload', [{ path: ['text'], code: 'too_big', message: 'Too big' }])).toBe(
      TEXTS.tooLong,
    );
    expect(refusalText('rate_limited')).toMatch(/te veel berichten/);
    expect(refusalText('origin_not_allowed')).toBe('De chat mag niet worden gebruikt op deze website.');
    expect(refusalText('too_many_connections')).toMatch(/te veel chats/);
    expect(refusalText('invalid_payload', [{ path: ['email'], code: 'invalid_format', message: 'x' }])).toBe(
      'Controleer dit: e-mailadres.',
    );
    expect(refusalText('something_new')).toBe('Er ging iets mis. Probeer het later opnieuw.');
  });
});
