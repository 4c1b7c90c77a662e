import { describe, expect, it } from 'vitest';
import { buildCsp, withCspHeader } from './csp';

describe('buildCsp', () => {
  it('allows only our own origin and its websocket, nothing inline for scripts', () => {
    const csp = buildCsp('http://127.0.0.1:4700');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4700 ws://127.0.0.1:4700");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('uses wss for an https server and ignores the path', () => {
    const csp = buildCsp('https://kcc.gemeente.nl/werkplek');
    expect(csp).toContain("connect-src 'self' https://kcc.gemeente.nl wss://kcc.gemeente.nl;");
  });
});

describe('withCspHeader', () => {
  const server = 'http://127.0.0.1:4700';

  it('adds the policy to responses from the workplace origin', () => {
    const headers = withCspHeader(
      'http://127.0.0.1:4700/assets/app.js',
      { 'content-type': ['text/html'] },
      server,
    );
    expect(headers['Content-Security-Policy']).toEqual([buildCsp(server)]);
    expect(headers['content-type']).toEqual(['text/html']);
  });

  it('keeps a policy the server already sent, so ours can only tighten', () => {
    const headers = withCspHeader(
      'http://127.0.0.1:4700/',
      { 'content-security-policy': "default-src 'none'" },
      server,
      'x',
    );
    expect(headers['Content-Security-Policy']).toEqual(["default-src 'none'", 'x']);
    expect(headers['content-security-policy']).toBeUndefined();
  });

  it('leaves other origins and unparsable URLs untouched', () => {
    expect(withCspHeader('https://example.org/', { a: 'b' }, server)).toEqual({ a: 'b' });
    expect(withCspHeader('not a url', undefined, server)).toEqual({});
  });
});
