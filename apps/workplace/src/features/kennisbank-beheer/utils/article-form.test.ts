import { describe, expect, it } from 'vitest';
import {
  emptyArticleForm,
  mapArticleInvalidParams,
  toArticleInput,
  validateArticleForm,
} from './article-form';

describe('article form', () => {
  it('requires a title and checks url, dates and their order', () => {
    expect(validateArticleForm(emptyArticleForm())).toEqual({ title: 'Vul de titel in.' });
    const errors = validateArticleForm({
      ...emptyArticleForm(),
      title: 'Storing',
      url: 'javascript:alert(1)',
      validFrom: '2026-12-01',
      validUntil: '2026-11-30',
    });
    expect(errors).toEqual({
      url: 'Vul een webadres in dat begint met https:// of http://.',
      validUntil: 'De einddatum ligt vóór de begindatum.',
    });
    expect(
      validateArticleForm({ ...emptyArticleForm(), title: 'x', validFrom: '1-12-2026' }).validFrom,
    ).toMatch(/JJJJ-MM-DD/);
    // The same day is fine: a date-only end date lasts the whole day.
    expect(
      validateArticleForm({
        ...emptyArticleForm(),
        title: 'x',
        validFrom: '2026-12-01T08:00:00Z',
        validUntil: '2026-12-01',
      }),
    ).toEqual({});
  });

  it('builds the ArticleInput: trimmed, keywords split, belangrijk only for nieuws, empty optionals left out', () => {
    const input = toArticleInput({
      ...emptyArticleForm('werkinstructie'),
      title: '  Nieuwe instructie ',
      body: 'Tekst',
      keywords: 'afval, kliko, , afval',
      belangrijk: true,
      product: ' paspoort ',
      published: true,
    });
    expect(input).toEqual({
      type: 'werkinstructie',
      title: 'Nieuwe instructie',
      body: 'Tekst',
      url: undefined,
      keywords: ['afval', 'kliko'],
      published: true,
      validFrom: undefined,
      validUntil: undefined,
      belangrijk: false,
      product: 'paspoort',
    });
  });

  it('places server invalidParams next to their fields', () => {
    expect(
      mapArticleInvalidParams([
        { name: 'product', code: 'invalid_value', reason: 'Dit product staat niet in de kanalenmatrix.' },
        {
          name: 'body.keywords.3',
          code: 'too_big',
          reason: 'Too big: expected string to have <=100 characters',
        },
        { name: 'iets', code: 'custom', reason: 'Onbekend veld.' },
      ]),
    ).toEqual({
      fields: { product: 'Dit product staat niet in de kanalenmatrix.', keywords: 'Deze tekst is te lang.' },
      general: ['Onbekend veld.'],
    });
  });
});
