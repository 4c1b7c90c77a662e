/**
 * Entry of `widget.js` (an IIFE): mounts the chat widget once. The build names the bundle `KccChat`, so the
 * exports below become the one global `window.KccChat` ({open, close, isOpen, setDigidToken}).
 */
import { findOwnScript, readConfig } from './config';
import { HOST_ID, mountWidget, type MountedWidget } from './widget';

let widget: MountedWidget | null = null;
const script = findOwnScript(document);

function boot(): void {
  if (widget || document.getElementById(HOST_ID)) return;
  widget = mountWidget(document, readConfig(script, location.href));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();

export function open(): void {
  boot();
  widget?.open();
}

export function close(): void {
  widget?.close();
}

export function isOpen(): boolean {
  return widget?.isOpen() ?? false;
}

/**
 * The municipality's site passes the resident's DigiD login as a signed token (JWT); the next chat starts with it
 * and the medewerker sees the resident as logged in (after the server checked the token). `null` forgets it.
 */
export function setDigidToken(token: string | null): void {
  boot();
  widget?.session.setDigidToken(token ?? undefined);
}
