import { describe, expect, it } from 'vitest';
import { EventStream, hasFullSnapshot, pageInfoAfter } from './event-stream';

describe('EventStream', () => {
  it('joins the parts of a batch and hands out its events once the final part arrives', () => {
    const stream = new EventStream();
    const json = JSON.stringify([
      { type: 4, timestamp: 1, data: { href: 'https://gemeente.nl/a', width: 1366, height: 768 } },
      { type: 2, timestamp: 2, data: {} },
    ]);
    expect(stream.push(json.slice(0, 10), false)).toEqual([]);
    const events = stream.push(json.slice(10), true);
    expect(events.map((e) => e.type)).toEqual([4, 2]);
    expect(hasFullSnapshot(events)).toBe(true);
  });

  it('drops a broken batch and entries that are not events, and goes on with the next batch', () => {
    const stream = new EventStream();
    expect(stream.push('[{"type":3,', true)).toEqual([]);
    expect(stream.push('[{"type":3,"timestamp":5},{"nope":1},7]', true)).toEqual([{ type: 3, timestamp: 5 }]);
  });
});

describe('pageInfoAfter', () => {
  it('takes the address and size from Meta and the size from viewport resizes', () => {
    const meta = { type: 4, timestamp: 1, data: { href: 'https://gemeente.nl/a', width: 1366, height: 768 } };
    const resize = { type: 3, timestamp: 2, data: { source: 4, width: 800, height: 600 } };
    const mouse = { type: 3, timestamp: 3, data: { source: 1, positions: [] } };
    expect(pageInfoAfter({}, [meta, resize, mouse])).toEqual({
      href: 'https://gemeente.nl/a',
      width: 800,
      height: 600,
    });
    expect(pageInfoAfter({ href: 'x' }, [mouse])).toEqual({ href: 'x' });
  });
});
