import type { InvokeChannel, KccBridge, PushChannel } from '@kcc/contracts/ipc';
import { INVOKE_CHANNELS, PUSH_CHANNELS } from './channels';

/** The part of `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const invokeChannels: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const pushChannels: ReadonlySet<string> = new Set(PUSH_CHANNELS);

/**
 * `window.kcc`: only contract channels pass (VS Code-style allow-list); `on` strips the IPC event, which carries
 * `sender`, and returns an unsubscribe function (as Bruno does). Inputs are validated in main, not here.
 */
export function createKccBridge(ipc: IpcRendererLike): KccBridge {
  const bridge: KccBridge = {
    invoke(channel, input) {
      if (typeof channel !== 'string' || !invokeChannels.has(channel)) {
        return Promise.reject(new Error(`Onbekend IPC-kanaal: ${String(channel)}`));
      }
      return ipc.invoke(channel as InvokeChannel, input) as never;
    },
    on(event, listener) {
      if (typeof event !== 'string' || !pushChannels.has(event)) {
        throw new Error(`Onbekend IPC-bericht: ${String(event)}`);
      }
      if (typeof listener !== 'function') throw new TypeError('listener moet een functie zijn');
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as never);
      ipc.on(event as PushChannel, wrapped);
      return () => {
        ipc.removeListener(event, wrapped);
      };
    },
  };
  return Object.freeze(bridge);
}
