import { describe, expect, it } from 'vitest';
import { isHttpUrl, normalizeServerUrl, originOf, workplaceUrl } from './server-url';

describe('server URLs', () => {
  it('accepts http and https only', () => {
    expect(isHttpUrl('http://127.0.0.1:4700')).toBe(true);
    expect(isHttpUrl('https://kcc.gemeente.nl')).toBe(true);
    expect(isHttpUrl('file:///tmp/x')).toBe(false);
    expect(isHttpUrl('ftp://x')).toBe(false);
    expect(isHttpUrl('127.0.0.1:4700')).toBe(false);
    expect(isHttpUrl(42)).toBe(false);
  });

  it('normalises away trailing slashes, query and hash', () => {
    expect(normalizeServerUrl('http://127.0.0.1:4700/')).toBe('http://127.0.0.1:4700');
    expect(normalizeServerUrl('https://KCC.gemeente.nl/werkplek//?a=1#b')).toBe(
      'https://kcc.gemeente.nl/werkplek',
    );
    expect(workplaceUrl('https://kcc.gemeente.nl/werkplek/')).toBe('https://kcc.gemeente.nl/werkplek/');
    expect(originOf('https://kcc.gemeente.nl/werkplek')).toBe('https://kcc.gemeente.nl');
  });

  it('refuses anything else with a clear error', () => {
    expect(() => normalizeServerUrl('javascript:alert(1)')).toThrow(/Geen geldig http- of https-adres/);
  });
});
