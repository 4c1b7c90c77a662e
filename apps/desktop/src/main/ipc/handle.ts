import type { InvokeChannel } from '@kcc/contracts/ipc';
import { createValidatedInvoke, type InvokeHandler } from '../ipc-validation';

/** The part of `ipcMain` and its event that `handle` uses; the real `ipcMain` satisfies it. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/**
 * Register a main-process handler for one contract channel. Every call is checked: the sender frame must be the
 * workplace origin (checklist #17), the input must parse with the contract schema, and so must the output.
 */
export function handle<C extends InvokeChannel>(
  ipcMain: IpcMainLike,
  channel: C,
  fn: InvokeHandler<C>,
  allowedOrigin: () => string,
): () => void {
  const invoke = createValidatedInvoke(channel, fn, allowedOrigin);
  ipcMain.handle(channel, (event, input) => invoke(event.senderFrame?.url, input));
  return () => ipcMain.removeHandler(channel);
}
