import { describe, expect, it } from 'vitest';
import { MAX_STORED_MESSAGES, createResumeStore } from './resume-store';
import { memoryStorage } from './testing/fake-transport';

describe('resume store', () => {
  it('saves, loads and clears the conversation', () => {
    const storage = memoryStorage();
    const store = createResumeStore(storage, 'k');
    expect(store.load()).toBeNull();
    const conversation = {
      conversationId: 'c',
      resumeToken: 'token-abcdefghij',
      agentName: 'Anna',
      messages: [{ from: 'inwoner' as const, text: 'Hallo', at: '2026-03-02T10:00:00Z' }],
    };
    store.save(conversation);
    expect(store.load()).toEqual(conversation);
    store.clear();
    expect(store.load()).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('keeps only the last messages', () => {
    const store = createResumeStore(memoryStorage(), 'k');
    const messages = Array.from({ length: MAX_STORED_MESSAGES + 10 }, (_, i) => ({
      from: 'inwoner' as const,
      text: `bericht ${i}`,
      at: '2026-03-02T10:00:00Z',
    }));
    store.save({ conversationId: 'c', resumeToken: 'token-abcdefghij', messages });
    const loaded = store.load()!;
    expect(loaded.messages).toHaveLength(MAX_STORED_MESSAGES);
    expect(loaded.messages[0]?.text).toBe('bericht 10');
  });

  it.each([
    ['not json', '{'],
    ['no token', JSON.stringify({ conversationId: 'c', messages: [] })],
    ['empty token', JSON.stringify({ conversationId: 'c', resumeToken: '', messages: [] })],
    [
      'bad message',
      JSON.stringify({ conversationId: 'c', resumeToken: 't', messages: [{ from: 'x', text: 1 }] }),
    ],
  ])('drops a corrupt entry (%s)', (_label, raw) => {
    const storage = memoryStorage();
    storage.setItem('k', raw);
    expect(createResumeStore(storage, 'k').load()).toBeNull();
    expect(storage.getItem('k')).toBeNull();
  });

  it('works without storage, and when storage throws', () => {
    const none = createResumeStore(null, 'k');
    none.save({ conversationId: 'c', resumeToken: 't', messages: [] });
    expect(none.load()).toBeNull();
    const throwing = {
      ...memoryStorage(),
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as Storage;
    const store = createResumeStore(throwing, 'k');
    expect(() => store.save({ conversationId: 'c', resumeToken: 't', messages: [] })).not.toThrow();
    expect(store.load()).toBeNull();
  });
});
