import { describe, expect, it } from 'vitest';
import { findOwnScript, readConfig } from './config';
import { TEXTS } from './texts';

function script(attrs: Record<string, string>): HTMLScriptElement {
  const el = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

describe('config', () => {
  it('reads the data attributes', () => {
    const el = script({
      src: 'https://cdn.example.nl/widget.js',
      'data-server': 'https://kcc.voorbeeldstad.nl/',
      'data-queue': 'belastingen',
      'data-title': 'Chat met Belastingen',
    });
    expect(readConfig(el, 'https://www.voorbeeldstad.nl/')).toEqual({
      serverUrl: 'https://kcc.voorbeeldstad.nl',
      queue: 'belastingen',
      title: 'Chat met Belastingen',
    });
  });

  it('defaults the server to the script’s own origin, and has no queue or title by default', () => {
    const el = script({ src: 'https://kcc.voorbeeldstad.nl/widget.js' });
    expect(readConfig(el, 'https://www.voorbeeldstad.nl/afval')).toEqual({
      serverUrl: 'https://kcc.voorbeeldstad.nl',
      queue: undefined,
      title: TEXTS.defaultTitle,
    });
  });

  it('ignores unsafe or malformed values', () => {
    const el = script({
      src: 'https://kcc.voorbeeldstad.nl/widget.js',
      'data-server': 'javascript:alert(1)',
      'data-queue': '../../etc',
    });
    expect(readConfig(el, 'https://www.voorbeeldstad.nl/')).toMatchObject({
      serverUrl: 'https://kcc.voorbeeldstad.nl',
      queue: undefined,
    });
  });

  it('falls back to the page origin without a script tag', () => {
    expect(readConfig(null, 'http://localhost:4700/demo/').serverUrl).toBe('http://localhost:4700');
  });

  it('finds its own tag when currentScript is not available', () => {
    const el = script({ src: '/widget.js', 'data-queue': 'chat' });
    document.body.append(el);
    expect(findOwnScript(document)).toBe(el);
    el.remove();
  });
});
