import { describe, expect, it } from 'vitest';
import { applyQuickReply, filterQuickReplies, slashTokenAt, type QuickReplyOption } from './slash-command';

const replies: QuickReplyOption[] = [
  { id: '1', code: 'welkom', title: 'Welkom', body: 'Goedendag, waarmee kan ik u helpen?' },
  { id: '2', code: 'openingstijden', title: 'Openingstijden', body: 'Wij zijn open van 8:30 tot 17:00.' },
  { id: '3', code: 'afspraak', title: 'Afspraak maken', body: 'Maak een afspraak via de website.' },
  { id: '4', code: 'moment', title: 'Een moment', body: 'Een moment alstublieft.' },
];

describe('slashTokenAt', () => {
  it('finds a /word at the start or after whitespace, up to the caret', () => {
    expect(slashTokenAt('/', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(slashTokenAt('/Wel', 4)).toEqual({ start: 0, end: 4, query: 'wel' });
    expect(slashTokenAt('Dag! /open', 10)).toEqual({ start: 5, end: 10, query: 'open' });
    expect(slashTokenAt('regel\n/afs', 10)).toEqual({ start: 6, end: 10, query: 'afs' });
  });

  it('ignores slashes inside words, URLs and tokens the caret has left', () => {
    expect(slashTokenAt('en/of', 5)).toBeNull();
    expect(slashTokenAt('https://gemeente.nl', 19)).toBeNull();
    expect(slashTokenAt('/welkom en', 10)).toBeNull();
    expect(slashTokenAt('', 0)).toBeNull();
  });
});

describe('filterQuickReplies', () => {
  it('puts codes that start with the query first, then codes or titles that contain it', () => {
    expect(filterQuickReplies(replies, '').map((r) => r.code)).toEqual([
      'welkom',
      'openingstijden',
      'afspraak',
      'moment',
    ]);
    expect(filterQuickReplies(replies, 'm').map((r) => r.code)).toEqual(['moment', 'welkom', 'afspraak']);
    expect(filterQuickReplies(replies, 'maken').map((r) => r.code)).toEqual(['afspraak']);
    expect(filterQuickReplies(replies, 'xyz')).toEqual([]);
    expect(filterQuickReplies(replies, '', 2)).toHaveLength(2);
  });
});

describe('applyQuickReply', () => {
  it('replaces the /word with the text and puts the caret after it', () => {
    const text = 'Hallo /wel en verder';
    const token = slashTokenAt(text, 10);
    expect(token).not.toBeNull();
    const result = applyQuickReply(text, token!, 'Goedendag');
    expect(result).toEqual({ text: 'Hallo Goedendag en verder', caret: 15 });
  });
});
