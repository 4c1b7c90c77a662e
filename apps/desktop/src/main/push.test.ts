import { describe, expect, it } from 'vitest';
import { createPush, type PushTarget } from './push';

describe('createPush', () => {
  it('sends validated payloads to the live window', () => {
    const sent: unknown[][] = [];
    const target: PushTarget = { isDestroyed: () => false, send: (...args) => void sent.push(args) };
    const push = createPush(() => target);
    expect(push('kcc:window:focus-changed', { focused: false })).toBe(true);
    expect(sent).toEqual([['kcc:window:focus-changed', { focused: false }]]);
  });

  it('skips a missing or destroyed window', () => {
    expect(createPush(() => undefined)('kcc:notification:clicked', { offerId: 'o' })).toBe(false);
    const destroyed: PushTarget = {
      isDestroyed: () => true,
      send: () => {
        throw new Error('must not send');
      },
    };
    expect(createPush(() => destroyed)('kcc:notification:clicked', { offerId: 'o' })).toBe(false);
  });

  it('refuses a payload that breaks the contract', () => {
    const push = createPush(() => undefined);
    expect(() => push('kcc:window:focus-changed', { focused: 'ja' } as never)).toThrow(/ongeldig bericht/);
  });
});
