import { describe, expect, it } from 'vitest';
import { articleStatus, validityText } from './article-status';

const NOW = Date.parse('2026-12-07T15:00:00Z');

describe('article status', () => {
  it('derives the status from publication and validity', () => {
    expect(articleStatus({ published: false }, NOW)).toBe('concept');
    expect(articleStatus({ published: true }, NOW)).toBe('gepubliceerd');
    expect(articleStatus({ published: true, validUntil: '2026-12-06' }, NOW)).toBe('verlopen');
    // A date-only end lasts through that whole day.
    expect(articleStatus({ published: true, validUntil: '2026-12-07' }, NOW)).toBe('gepubliceerd');
    expect(articleStatus({ published: true, validUntil: '2026-12-07T14:00:00Z' }, NOW)).toBe('verlopen');
    expect(articleStatus({ published: true, validFrom: '2026-12-08' }, NOW)).toBe('gepland');
    expect(articleStatus({ published: false, validUntil: '2026-12-06' }, NOW)).toBe('concept');
  });

  it('writes validity as Dutch dates', () => {
    expect(validityText({})).toBe('Altijd');
    expect(validityText({ validFrom: '2026-12-01', validUntil: '2026-12-31' })).toBe(
      '1 dec 2026 t/m 31 dec 2026',
    );
    expect(validityText({ validUntil: '2027-01-15' })).toBe('t/m 15 jan 2027');
    // A date-time is shown as its day in Amsterdam: 23:30 UTC on 31 Dec is already 1 Jan there.
    expect(validityText({ validFrom: '2026-12-31T23:30:00Z' })).toBe('vanaf 1 jan 2027');
  });
});
