import { TEXTS } from './texts';

export interface WidgetConfig {
  /** Origin of the KCC server; the socket connects to `serverUrl + '/citizen'`. */
  serverUrl: string;
  /** The chat queue this website's chats enter (sent as `queue` with `chat:start`); none: the server's default. */
  queue: string | undefined;
  title: string;
}

const QUEUE = /^[a-z0-9][a-z0-9_.-]{0,99}$/i;

/**
 * Reads the `<script src=".../widget.js" data-server data-queue data-title>` tag. The server defaults to the
 * origin the script was loaded from, so a municipality only has to copy one tag.
 */
export function readConfig(script: HTMLScriptElement | null, pageUrl: string): WidgetConfig {
  const data = script?.dataset ?? {};
  const serverUrl = httpOrigin(data.server) ?? httpOrigin(script?.src) ?? httpOrigin(pageUrl) ?? '';
  const queue = data.queue && QUEUE.test(data.queue) ? data.queue : undefined;
  const title = data.title?.trim().slice(0, 80) || TEXTS.defaultTitle;
  return { serverUrl, queue, title };
}

/** The http(s) base of a URL (origin plus path without trailing slash for `data-server`), or null. */
function httpOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, typeof location === 'undefined' ? undefined : location.href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The widget's own script tag: `document.currentScript` while it runs, else the tag that loads widget.js. */
export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return (
    doc.querySelector<HTMLScriptElement>('script[data-kcc-chat]') ??
    doc.querySelector<HTMLScriptElement>('script[src*="widget.js"]')
  );
}
