import { describe, expect, it } from 'vitest';
import { isServerUnreachable, loadFailurePage } from './load-failure';

describe('load failure', () => {
  it('treats main-frame network errors as unreachable, but not aborted navigations or subframes', () => {
    expect(isServerUnreachable(-102, true)).toBe(true); // ERR_CONNECTION_REFUSED
    expect(isServerUnreachable(-3, true)).toBe(false);
    expect(isServerUnreachable(-102, false)).toBe(false);
  });

  it('builds a script-free Dutch page with the URL escaped', () => {
    const url = loadFailurePage('http://127.0.0.1:4700', 'ERR_CONNECTION_REFUSED <b>');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
    expect(html).toContain('De server is niet bereikbaar');
    expect(html).toContain('http://127.0.0.1:4700');
    expect(html).toContain('ERR_CONNECTION_REFUSED &#60;b&#62;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
  });
});
