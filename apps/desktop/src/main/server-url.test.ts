import { describe, expect, it } from 'vitest';
import { isHttpUrl, isServerUrl, normalizeServerUrl, originOf, workplaceUrl } from './server-url';

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
    expect(() => normalizeServerUrl('javascript:alert(1)')).toThrow(/Geen geldig serveradres/);
  });

  it('allows plain http only for a server on this machine (issue 11 §11)', () => {
    expect(isServerUrl('http://127.0.0.1:4700')).toBe(true);
    expect(isServerUrl('http://localhost:4700/werkplek')).toBe(true);
    expect(isServerUrl('https://kcc.gemeente.nl')).toBe(true);
    expect(isServerUrl('https://10.0.0.5:4700')).toBe(true);
    for (const url of [
      'http://10.0.0.5:4700',
      'http://kcc.gemeente.nl',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
    ]) {
      expect(isServerUrl(url), url).toBe(false);
      expect(() => normalizeServerUrl(url)).toThrow(/alleen op localhost of 127.0.0.1/);
    }
  });
});
