import { describe, expect, it } from 'vitest';
import { decodeEntities, parseSnippet } from './snippet';

describe('parseSnippet', () => {
  it('turns <mark> into marked segments and decodes the escaped text', () => {
    expect(
      parseSnippet('… uw <mark>paspoort</mark> &amp; ID-kaart &lt;b&gt; <mark>aanvragen</mark>'),
    ).toEqual([
      { text: '… uw ', marked: false },
      { text: 'paspoort', marked: true },
      { text: ' & ID-kaart <b> ', marked: false },
      { text: 'aanvragen', marked: true },
    ]);
  });

  it('keeps every other tag as plain text (an unescaped snippet cannot inject markup)', () => {
    const segments = parseSnippet('<img src=x onerror="alert(1)"><mark><script>x()</script></mark>');
    expect(segments).toEqual([
      { text: '<img src=x onerror="alert(1)">', marked: false },
      { text: '<script>x()</script>', marked: true },
    ]);
  });

  it('copes with unbalanced or empty marks', () => {
    expect(parseSnippet('<mark></mark>a</mark>b<mark>c')).toEqual([
      { text: 'ab', marked: false },
      { text: 'c', marked: true },
    ]);
    expect(parseSnippet('')).toEqual([]);
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeEntities('&quot;a&#39;b&#x27;c&apos;&nbsp;&eacute;&#0;')).toBe("\"a'b'c' &eacute;&#0;");
  });
});
