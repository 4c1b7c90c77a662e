import { describe, expect, it } from 'vitest';
import { handle, type IpcMainLike } from './handle';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipc, handlers };
}

describe('handle', () => {
  const origin = () => 'http://127.0.0.1:4700';

  it('registers the channel and validates sender, input and output', async () => {
    const { ipc, handlers } = fakeIpcMain();
    handle(ipc, 'kcc:tray:set-waiting', () => undefined, origin);
    const listener = handlers.get('kcc:tray:set-waiting')!;
    await expect(
      listener({ senderFrame: { url: 'http://127.0.0.1:4700/' } }, { count: 2 }),
    ).resolves.toBeUndefined();
    await expect(listener({ senderFrame: null }, { count: 2 })).rejects.toThrow(/afzender niet toegestaan/);
    await expect(
      listener({ senderFrame: { url: 'http://127.0.0.1:4700/' } }, { count: 2.5 }),
    ).rejects.toThrow(/ongeldige invoer/);
  });

  it('returns an unregister function', () => {
    const { ipc, handlers } = fakeIpcMain();
    const off = handle(
      ipc,
      'kcc:config:get',
      () => ({ serverUrl: 'http://127.0.0.1:4700', version: '0.1.0' }),
      origin,
    );
    expect(handlers.has('kcc:config:get')).toBe(true);
    off();
    expect(handlers.has('kcc:config:get')).toBe(false);
  });
});
