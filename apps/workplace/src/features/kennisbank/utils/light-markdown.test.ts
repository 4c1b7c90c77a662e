import { describe, expect, it } from 'vitest';
import { parseLightMarkdown, toPlainText } from './light-markdown';

describe('parseLightMarkdown', () => {
  it('splits paragraphs on blank lines and groups list lines, keeping single line breaks', () => {
    const body =
      'Eerste regel\ntweede regel\n\nWat vraag je uit\n- Kwijt of gestolen?\n- Op reis?\n\n# Kosten\n1. Eerst\n2. Dan';
    expect(parseLightMarkdown(body)).toEqual([
      { kind: 'paragraph', lines: ['Eerste regel', 'tweede regel'] },
      { kind: 'paragraph', lines: ['Wat vraag je uit'] },
      { kind: 'list', ordered: false, items: ['Kwijt of gestolen?', 'Op reis?'] },
      { kind: 'heading', level: 1, text: 'Kosten' },
      { kind: 'list', ordered: true, items: ['Eerst', 'Dan'] },
    ]);
  });

  it('treats HTML as text', () => {
    expect(parseLightMarkdown('<script>alert(1)</script>')).toEqual([
      { kind: 'paragraph', lines: ['<script>alert(1)</script>'] },
    ]);
    expect(parseLightMarkdown('  \n\n ')).toEqual([]);
  });
});

describe('toPlainText', () => {
  it('keeps the text readable without Markdown syntax', () => {
    expect(toPlainText('## Kosten\n\nHet kost:\n- € 10\n* € 20')).toBe(
      'Kosten\n\nHet kost:\n\n- € 10\n- € 20',
    );
  });
});
