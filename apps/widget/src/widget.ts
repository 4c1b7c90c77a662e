import { ANSWER_CSS, AnswerSearch } from './answer-search';
import { ChatSession } from './chat-session';
import { ChatView } from './chat-view';
import { markClosedShadowRoots, mountCobrowseLauncher } from './cobrowse/launcher';
import type { WidgetConfig } from './config';
import { h } from './dom';
import { socketLoader, type Io } from './lazy-chunk';
import { createResumeStore, sessionStorageOrNull } from './resume-store';
import { createSocketTransport, type ChatTransport } from './transport';

export interface MountedWidget {
  open(): void;
  close(): void;
  isOpen(): boolean;
  destroy(): void;
  readonly host: HTMLElement;
  readonly session: ChatSession;
}

export interface MountOptions {
  /** Defaults to a socket.io connection to `config.serverUrl + '/citizen'`. */
  transport?: ChatTransport;
  storage?: Storage | null;
  pageUrl?: string;
  /** For the "Zoek uw vraag" search; defaults to the browser's fetch. */
  fetch?: typeof fetch;
  /** socket.io's client; defaults to loading the `widget-socket.js` chunk from the server on first use. */
  loadIo?: () => Promise<Io>;
}

export const HOST_ID = 'kcc-chat-widget';

/** Puts the widget in an open shadow root on `doc.body`; the host page's CSS cannot reach inside, nor ours out. */
export function mountWidget(doc: Document, config: WidgetConfig, options: MountOptions = {}): MountedWidget {
  const host = doc.createElement('div');
  host.id = HOST_ID;
  doc.body.append(host);
  const root = host.attachShadow({ mode: 'open' });

  const storage = options.storage === undefined ? sessionStorageOrNull() : options.storage;
  const key = `kcc-chat:${config.serverUrl}:${config.queue ?? ''}`;
  const store = createResumeStore(storage, key);
  const loadIo = options.loadIo ?? socketLoader(doc, config.serverUrl);
  const transport = options.transport ?? createSocketTransport(config.serverUrl, { loadIo });
  const session = new ChatSession({
    transport,
    store,
    queue: config.queue,
    // Origin and path only: a query string or fragment may hold personal data.
    pageUrl: options.pageUrl ?? pagePath(doc),
  });
  const openKey = `${key}:open`;
  const answers = new AnswerSearch({
    serverUrl: config.serverUrl,
    storage,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const view = new ChatView(root, session, {
    title: config.title,
    startExtras: answers.element,
    onStartSubmit: () => answers.chatStarted(),
    onOpenChange: (open) => {
      try {
        if (open) storage?.setItem(openKey, '1');
        else storage?.removeItem(openKey);
      } catch {
        // Remembering the open panel is a convenience only.
      }
    },
  });
  session.init();
  adoptAnswerStyles(root);
  markClosedShadowRoots(globalThis);
  const cobrowse = mountCobrowseLauncher(doc, root, {
    serverUrl: config.serverUrl,
    storage,
    transport,
    loadIo,
  });
  // After a reload during a chat, the resident was looking at the panel: show it again.
  const wasOpen = (() => {
    try {
      return storage?.getItem(openKey) === '1';
    } catch {
      return false;
    }
  })();
  if (wasOpen && session.getState().phase === 'resuming') view.open();

  return {
    host,
    session,
    open: () => view.open(),
    close: () => view.close(),
    isOpen: () => view.isOpen(),
    destroy: () => {
      view.destroy();
      cobrowse.destroy();
      transport.disconnect();
      host.remove();
    },
  };
}

function pagePath(doc: Document): string | undefined {
  const loc = doc.location;
  return loc && /^https?:$/.test(loc.protocol) ? loc.origin + loc.pathname : undefined;
}

/** The answer search's styles next to the widget's own (see `adoptStyles` in chat-view.ts). */
function adoptAnswerStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(ANSWER_CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    root.append(h('style', {}, ANSWER_CSS));
  }
}
