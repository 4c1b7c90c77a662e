import { describe, expect, it, vi } from 'vitest';
import { createKccBridge, type IpcRendererLike } from './create-bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'secret-ipc-renderer' }, payload);
  };
  return { ipc, emit, listeners };
}

describe('createKccBridge', () => {
  it('forwards contract channels to ipcRenderer.invoke', async () => {
    const { ipc } = fakeIpc();
    const bridge = createKccBridge(ipc);
    await expect(bridge.invoke('kcc:tray:set-waiting', { count: 2 })).resolves.toEqual({
      channel: 'kcc:tray:set-waiting',
      args: [{ count: 2 }],
    });
  });

  it('rejects channels that are not in the contract without touching ipc', async () => {
    const { ipc } = fakeIpc();
    const bridge = createKccBridge(ipc);
    await expect(bridge.invoke('kcc:evil:run' as never, {} as never)).rejects.toThrow(/Onbekend IPC-kanaal/);
    await expect(
      bridge.invoke({ toString: () => 'kcc:config:get' } as never, undefined as never),
    ).rejects.toThrow(/Onbekend/);
    expect(() => bridge.on('ELECTRON_BROWSER_REQUIRE' as never, () => undefined)).toThrow(
      /Onbekend IPC-bericht/,
    );
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('strips the IPC event from push listeners and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createKccBridge(ipc);
    const received: unknown[][] = [];
    const off = bridge.on('kcc:window:focus-changed', (...args: unknown[]) => void received.push(args));
    emit('kcc:window:focus-changed', { focused: true });
    expect(received).toEqual([[{ focused: true }]]);
    off();
    emit('kcc:window:focus-changed', { focused: false });
    expect(received).toHaveLength(1);
    expect(listeners.get('kcc:window:focus-changed')?.size).toBe(0);
  });

  it('refuses a non-function listener and cannot be modified', () => {
    const bridge = createKccBridge(fakeIpc().ipc);
    expect(() => bridge.on('kcc:notification:clicked', 'x' as never)).toThrow(TypeError);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
