import type { PushChannel, PushPayload } from '@kcc/contracts/ipc';
import { parsePushPayload } from './ipc-validation';

/** The part of `webContents` used to push events; checked so a destroyed window is skipped, not crashed on. */
export interface PushTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export type Push = <E extends PushChannel>(event: E, payload: PushPayload<E>) => boolean;

/** Main → renderer events, validated against the contract before they leave main. */
export function createPush(target: () => PushTarget | undefined): Push {
  return (event, payload) => {
    const valid = parsePushPayload(event, payload);
    const contents = target();
    if (contents === undefined || contents.isDestroyed()) return false;
    contents.send(event, valid);
    return true;
  };
}
