import type {
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
  KccBridge,
  PushChannel,
  PushPayload,
} from '@kcc/contracts/ipc';

declare global {
  interface Window {
    /** Present only inside the desktop shell (preload bridge). */
    kcc?: KccBridge;
  }
}

/** The only module that touches `window.kcc`; every call is a no-op in a plain browser. */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && window.kcc !== undefined;
}

async function invoke<C extends InvokeChannel>(
  channel: C,
  input: InvokeInput<C>,
): Promise<InvokeOutput<C> | undefined> {
  if (!window.kcc) return undefined;
  try {
    return await window.kcc.invoke(channel, input);
  } catch (error) {
    // Desktop extras must never break the workplace itself.
    console.warn(`Desktop bridge call ${channel} failed`, error);
    return undefined;
  }
}

/** The sync server URL configured in the desktop shell, or undefined in a browser. */
export async function getDesktopServerUrl(): Promise<string | undefined> {
  const config = await invoke('kcc:config:get', undefined);
  return config?.serverUrl;
}

/** Native notification + taskbar flash; the main process shows it only while the window is unfocused. */
export function notifyOffer(offer: { offerId: string; title: string; body: string }): void {
  void invoke('kcc:notify:offer', {
    offerId: offer.offerId.slice(0, 100),
    title: offer.title.slice(0, 200),
    body: offer.body.slice(0, 500),
  });
}

/** Desktop shell: the login at the identity provider in the system browser; undefined in a browser. */
export async function desktopOidcLogin(): Promise<InvokeOutput<'kcc:auth:oidc-login'> | undefined> {
  return invoke('kcc:auth:oidc-login', undefined);
}

export function setTrayWaiting(count: number): void {
  void invoke('kcc:tray:set-waiting', { count: Math.max(0, Math.min(100_000, Math.round(count))) });
}

export function onDesktopEvent<E extends PushChannel>(
  event: E,
  listener: (payload: PushPayload<E>) => void,
): () => void {
  if (!window.kcc) return () => {};
  return window.kcc.on(event, listener);
}
