import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  assertTrustedSender,
  createValidatedInvoke,
  IpcRejectedError,
  parseInvokeInput,
  parseInvokeOutput,
  parsePushPayload,
} from './ipc-validation';

const origin = 'http://127.0.0.1:4700';

describe('assertTrustedSender', () => {
  it('accepts frames from the workplace origin', () => {
    expect(() => assertTrustedSender('kcc:config:get', 'http://127.0.0.1:4700/inbox', origin)).not.toThrow();
  });

  it.each([
    undefined,
    '',
    'about:blank',
    'data:text/html,x',
    'file:///index.html',
    'http://127.0.0.1:4701/',
    'http://localhost:4700/',
    'https://evil.example/',
  ])('refuses sender %s', (url) => {
    expect(() => assertTrustedSender('kcc:config:get', url, origin)).toThrow(IpcRejectedError);
    expect(() => assertTrustedSender('kcc:config:get', url, origin)).toThrow(/afzender niet toegestaan/);
  });
});

describe('parseInvokeInput', () => {
  it('returns parsed input for valid payloads', () => {
    expect(parseInvokeInput('kcc:tray:set-waiting', { count: 3 })).toEqual({ count: 3 });
    expect(parseInvokeInput('kcc:config:get', undefined)).toBeUndefined();
  });

  it('names the field and the channel in the error', () => {
    expect(() => parseInvokeInput('kcc:tray:set-waiting', { count: -1 })).toThrow(
      /^kcc:tray:set-waiting: ongeldige invoer — count: /,
    );
    expect(() =>
      parseInvokeInput('kcc:notify:offer', { offerId: 'o', title: 'x'.repeat(201), body: 'b' }),
    ).toThrow(/^kcc:notify:offer: ongeldige invoer — title: /);
    expect(() =>
      parseInvokeInput('kcc:notify:offer', { offerId: 'o', title: 't', body: 'b', extra: 1 }),
    ).toThrow(/ongeldige invoer/);
  });
});

describe('output and push validation', () => {
  it('refuses an output that breaks the contract', () => {
    expect(parseInvokeOutput('kcc:notify:offer', { shown: true })).toEqual({ shown: true });
    expect(() => parseInvokeOutput('kcc:notify:offer', { shown: 'ja' })).toThrow(
      /ongeldig antwoord van main/,
    );
  });

  it('validates push payloads', () => {
    expect(parsePushPayload('kcc:window:focus-changed', { focused: true })).toEqual({ focused: true });
    expect(() => parsePushPayload('kcc:notification:clicked', {})).toThrow(/kcc:notification:clicked/);
  });
});

describe('createValidatedInvoke', () => {
  it('checks the sender before parsing and parsing before calling the handler', async () => {
    const handler = vi.fn(() => undefined);
    const invoke = createValidatedInvoke('kcc:tray:set-waiting', handler, () => origin);
    await expect(invoke('https://evil.example/', { count: 1 })).rejects.toThrow(/afzender/);
    await expect(invoke(`${origin}/`, { count: 'veel' })).rejects.toThrow(/ongeldige invoer/);
    expect(handler).not.toHaveBeenCalled();
    await expect(invoke(`${origin}/`, { count: 4 })).resolves.toBeUndefined();
    expect(handler).toHaveBeenCalledWith({ count: 4 });
  });

  it('uses the origin configured at call time (server URL changed)', async () => {
    let current = origin;
    const invoke = createValidatedInvoke(
      'kcc:config:get',
      () => ({ serverUrl: current, version: '1' }),
      () => current,
    );
    current = 'https://kcc.gemeente.nl';
    await expect(invoke('http://127.0.0.1:4700/', undefined)).rejects.toThrow(/afzender/);
    await expect(invoke('https://kcc.gemeente.nl/', undefined)).resolves.toEqual({
      serverUrl: 'https://kcc.gemeente.nl',
      version: '1',
    });
  });

  it('rejects a handler result that breaks the contract', async () => {
    const invoke = createValidatedInvoke(
      'kcc:notify:offer',
      () => ({ shown: 1 }) as never,
      () => origin,
    );
    await expect(invoke(origin, { offerId: 'o1', title: 'Nieuw', body: 'Telefoon' })).rejects.toThrow(
      /ongeldig antwoord/,
    );
  });

  it('never calls the handler with input that does not match the contract (fuzz)', async () => {
    const handler = vi.fn(() => ({ shown: false }));
    const invoke = createValidatedInvoke('kcc:notify:offer', handler, () => origin);
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        handler.mockClear();
        const result = await invoke(origin, input).then(
          () => 'ok',
          (error: unknown) => (error instanceof IpcRejectedError ? 'rejected' : 'crashed'),
        );
        expect(result).not.toBe('crashed');
        if (result === 'ok') {
          const arg = (handler.mock.calls[0] as unknown[])[0] as Record<string, unknown>;
          expect(Object.keys(arg).sort()).toEqual(['body', 'offerId', 'title']);
        }
      }),
    );
  });
});
