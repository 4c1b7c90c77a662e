import { io } from 'socket.io-client';
import { h } from '../dom';
import { addStyles } from './sheet';
import type { ChatTransport } from '../transport';
import {
  COBROWSE_CHUNK_PATH,
  COBROWSE_READY_EVENT,
  COBROWSE_SERVER_EVENTS,
  isInvite,
  readStored,
  type StoredCobrowse,
} from './protocol';
import type { CobrowseInvite } from '@kcc/contracts/cobrowse';

/** What the lazily loaded chunk (`widget-cobrowse.js`) offers the widget. */
export interface CobrowseChunk {
  start(deps: CobrowseDeps): CobrowseController;
}
export interface CobrowseDeps {
  doc: Document;
  root: ShadowRoot;
  serverUrl: string;
  storage: Storage | null;
  /** The widget's socket.io client: the chunk shares it (and its connection) instead of bundling its own. */
  io: typeof io;
  /** Gives the focus back to the help button when a code panel closes. */
  restoreFocus: () => void;
}
export interface CobrowseController {
  askCode(): void;
  invited(invite: CobrowseInvite): void;
  resume(stored: StoredCobrowse): void;
}

const HELP_CSS = `
.cb-help {
  position: fixed; left: 20px; bottom: 20px; z-index: 2147483000; min-height: 44px; padding: 8px 16px;
  border: 2px solid #154273; border-radius: 999px; background: #ffffff; color: #154273; font-weight: 600;
  cursor: pointer; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
}
.cb-help:hover { background: #eef2f7; }
`;

/**
 * The small part of co-browse in the first load: the "Hulp van een medewerker" button, the chat's invite and a
 * session to resume after a page load. Everything else (dialogs, the recorder) is in `widget-cobrowse.js`, which
 * is loaded only when one of these starts a session.
 */
export function mountCobrowseLauncher(
  doc: Document,
  root: ShadowRoot,
  options: { serverUrl: string; storage: Storage | null; transport: ChatTransport },
): { destroy(): void } {
  const { serverUrl, storage } = options;
  const button = h(
    'button',
    { type: 'button', class: 'cb-help', 'data-testid': 'kcc-cobrowse-help' },
    'Hulp van een medewerker',
  );
  addStyles(root, HELP_CSS);
  root.append(button);

  let controller: Promise<CobrowseController> | undefined;
  const load = (): Promise<CobrowseController> => {
    controller ??= new Promise<CobrowseChunk>((resolve, reject) => {
      const onReady = (event: Event) => resolve((event as CustomEvent<CobrowseChunk>).detail);
      doc.addEventListener(COBROWSE_READY_EVENT, onReady, { once: true });
      const script = doc.createElement('script');
      script.src = serverUrl + COBROWSE_CHUNK_PATH;
      script.async = true;
      script.onerror = () => {
        doc.removeEventListener(COBROWSE_READY_EVENT, onReady);
        controller = undefined;
        reject(new Error('co-browse chunk did not load'));
      };
      doc.body.append(script);
    }).then((chunk) =>
      chunk.start({ doc, root, serverUrl, storage, io, restoreFocus: () => button.focus() }),
    );
    return controller;
  };
  const failed = () => {
    button.textContent = 'Hulp van een medewerker (lukt nu niet, probeer het opnieuw)';
  };

  button.addEventListener('click', () => {
    button.setAttribute('aria-busy', 'true');
    load()
      .then((c) => {
        button.textContent = 'Hulp van een medewerker';
        c.askCode();
      })
      .catch(failed)
      .finally(() => button.removeAttribute('aria-busy'));
  });
  options.transport.on(COBROWSE_SERVER_EVENTS.invite, (payload) => {
    if (isInvite(payload)) load().then((c) => c.invited(payload), failed);
  });
  const stored = readStored(storage, serverUrl);
  if (stored) load().then((c) => c.resume(stored), failed);

  return { destroy: () => button.remove() };
}

/**
 * A closed shadow root cannot be recorded (nobody outside can read it). Its host gets `data-kcc-block`, so the
 * agent sees a labelled "Niet gedeeld" placeholder instead of an empty box. Roots attached before the widget
 * loaded are not seen. The attribute is set after the constructor, where custom elements may not get attributes.
 */
export function markClosedShadowRoots(win: typeof globalThis): void {
  const proto = win.Element?.prototype;
  if (!proto?.attachShadow || (proto.attachShadow as { kccMarked?: boolean }).kccMarked) return;
  const original = proto.attachShadow;
  const patched = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const shadow = original.call(this, init);
    if (init.mode === 'closed') queueMicrotask(() => this.setAttribute('data-kcc-block', ''));
    return shadow;
  };
  (patched as { kccMarked?: boolean }).kccMarked = true;
  proto.attachShadow = patched;
}
