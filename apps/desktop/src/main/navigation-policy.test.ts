import { describe, expect, it } from 'vitest';
import { decideWindowOpen, mayNavigate, mayOpenExternally } from './navigation-policy';

const server = 'http://127.0.0.1:4700';

describe('mayNavigate', () => {
  it('allows navigation within the workplace origin', () => {
    expect(mayNavigate('http://127.0.0.1:4700/', server)).toBe(true);
    expect(mayNavigate('http://127.0.0.1:4700/contacten/1?x=1#y', server)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:4701/',
    'https://127.0.0.1:4700/',
    'http://localhost:4700/',
    'https://evil.example/',
    'file:///etc/passwd',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'kcc-werkplek://open',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(mayNavigate(url, server)).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  it('never opens an Electron window, but hands web links to the system browser', () => {
    expect(decideWindowOpen('https://www.gemeente.nl/afval')).toEqual({
      action: 'deny',
      openExternally: 'https://www.gemeente.nl/afval',
    });
  });

  it.each([
    'file:///c:/windows/system32/calc.exe',
    'smb://host/share',
    'javascript:alert(1)',
    'ms-settings:',
    '',
  ])('drops %s', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: undefined });
    expect(mayOpenExternally(url)).toBe(false);
  });
});
