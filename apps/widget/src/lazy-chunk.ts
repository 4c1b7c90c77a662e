import type { io } from 'socket.io-client';

/** socket.io's client, loaded on first use from `widget-socket.js` (type only here: nothing of it is bundled). */
export type Io = typeof io;

export const SOCKET_CHUNK_PATH = '/widget-socket.js';
/** The socket chunk announces itself with this DOM event (no global); its detail is socket.io's `io`. */
export const SOCKET_READY_EVENT = 'kcc-socket-ready';

/**
 * Loads a chunk of the widget with a script tag from the widget's server. The chunk hands over what it offers with
 * a DOM event instead of a global. A failed load rejects, and the next call tries again.
 */
export function loadChunk<T>(doc: Document, src: string, readyEvent: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onReady = (event: Event) => resolve((event as CustomEvent<T>).detail);
    doc.addEventListener(readyEvent, onReady, { once: true });
    const script = doc.createElement('script');
    script.src = src;
    script.async = true;
    script.onerror = () => {
      doc.removeEventListener(readyEvent, onReady);
      script.remove();
      reject(new Error(`${src} did not load`));
    };
    doc.body.append(script);
  });
}

/**
 * socket.io's client is the largest part of the widget and only needed once the resident opens the chat or a
 * co-browse session starts, so it is a chunk of its own, loaded once and shared by the chat and co-browse.
 */
export function socketLoader(doc: Document, serverUrl: string): () => Promise<Io> {
  let loading: Promise<Io> | undefined;
  return () => {
    loading ??= loadChunk<Io>(doc, serverUrl.replace(/\/+$/, '') + SOCKET_CHUNK_PATH, SOCKET_READY_EVENT);
    loading.catch(() => (loading = undefined));
    return loading;
  };
}
