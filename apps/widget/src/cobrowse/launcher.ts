import { h } from '../dom';
import { loadChunk, type Io } from '../lazy-chunk';
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
  /** The widget's socket.io client (its own chunk): shared with the chat, with its connection, not bundled twice. */
  io: Io;
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
  options: {
    serverUrl: string;
    storage: Storage | null;
    transport: ChatTransport;
    loadIo: () => Promise<Io>;
  },
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
    controller ??= Promise.all([
      loadChunk<CobrowseChunk>(doc, serverUrl + COBROWSE_CHUNK_PATH, COBROWSE_READY_EVENT),
      options.loadIo(),
    ]).then(([chunk, io]) =>
      chunk.start({ doc, root, serverUrl, storage, io, restoreFocus: () => button.focus() }),
    );
    controller.catch(() => (controller = undefined));
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
 * loaded are not seen. On a host not yet in the page (maybe in a custom element's constructor, where it may not get
 * attributes) the attribute is set in the next microtask.
 */
export function markClosedShadowRoots(win: typeof globalThis): void {
  const proto = win.Element?.prototype;
  if (!proto?.attachShadow || (proto.attachShadow as { kccMarked?: boolean }).kccMarked) return;
  const original = proto.attachShadow;
  const patched = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const shadow = original.call(this, init);
    // Set before the recorder's MutationObserver serialises the host: at once on a host in the page, else (maybe a
    // constructor) in the next microtask, which runs before the observer of a later insertion.
    if (init.mode === 'closed' && this.isConnected) this.setAttribute('data-kcc-block', '');
    else if (init.mode === 'closed') queueMicrotask(() => this.setAttribute('data-kcc-block', ''));
    return shadow;
  };
  (patched as { kccMarked?: boolean }).kccMarked = true;
  proto.attachShadow = patched;
}
