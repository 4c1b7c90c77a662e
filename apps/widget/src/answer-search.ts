import { h } from './dom';

/**
 * "Zoek uw vraag": before a chat starts, the resident searches the municipality's public answers, the same ones
 * (and in the same order) an agent gets from the kennisbank, each with the channel that serves it best
 * (kanaaladvies). Opening an answer, and starting a chat after one, are reported anonymously (a random id per
 * visit) so the redacteur sees how often an answer made a chat unnecessary.
 */
export interface PublicAnswer {
  id: string;
  type: string;
  title: string;
  /** HTML-escaped text with `<mark>` around matched words (rendered as nodes, never as HTML). */
  snippet: string;
  url: string | null;
  kanaal?: { primair: string; secundair: string };
}

export const ANSWER_TEXTS = {
  heading: 'Zoek uw vraag',
  label: 'Zoek uw vraag',
  hint: 'Misschien staat het antwoord al op onze website.',
  button: 'Zoeken',
  searching: 'Zoeken…',
  none: 'Geen antwoorden gevonden. Stel uw vraag in de chat.',
  failed: 'Zoeken lukt nu niet. Stel uw vraag in de chat.',
  tooShort: 'Typ minstens 2 tekens.',
  tooMany: 'U heeft veel gezocht. Probeer het over een minuut opnieuw, of stel uw vraag in de chat.',
  found: (n: number) => (n === 1 ? '1 antwoord gevonden.' : `${n} antwoorden gevonden.`),
  kanaal: (primair: string) => `Regel dit het snelst via: ${primair}`,
  otherwise: (secundair: string) => `Lukt dat niet? Dan: ${secundair}`,
  readMore: 'Lees meer op de website',
  opened: (title: string) => `Antwoord: ${title}`,
} as const;

export interface AnswerSearchOptions {
  serverUrl: string;
  fetch?: typeof fetch;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

const SESSION_KEY = 'kcc-answers:sessie';
const MAX_QUERY = 256;

/** `<mark>` runs of the engine's snippet as DOM nodes; every other character is text. */
export function snippetNodes(snippet: string): Node[] {
  const decode = (s: string) =>
    s.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) =>
      e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === '#39' ? "'" : '&',
    );
  const nodes: Node[] = [];
  for (const [i, part] of snippet.split(/<\/?mark>/).entries()) {
    if (part === '') continue;
    const text = document.createTextNode(decode(part));
    nodes.push(i % 2 === 1 ? h('mark', {}, text) : text);
  }
  return nodes;
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class AnswerSearch {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly status: HTMLParagraphElement;
  private readonly list: HTMLUListElement;
  private readonly fetchFn: (url: string, init: RequestInit) => Promise<Response>;
  private readonly serverUrl: string;
  private readonly storage: AnswerSearchOptions['storage'];
  private openedAny = false;
  private searchNumber = 0;

  constructor(options: AnswerSearchOptions) {
    this.serverUrl = options.serverUrl.replace(/\/+$/, '');
    // Looked up when used, not bound now: a page without `fetch` still gets the widget (the search then fails).
    this.fetchFn = options.fetch ?? (async (url, init) => globalThis.fetch(url, init));
    this.storage = options.storage ?? null;
    this.input = h('input', {
      type: 'search',
      name: 'q',
      id: 'kcc-answer-q',
      maxlength: String(MAX_QUERY),
      autocomplete: 'off',
      'aria-describedby': 'kcc-answer-hint',
    });
    this.status = h('p', { class: 'hint', role: 'status', 'data-testid': 'kcc-answers-status' });
    this.list = h('ul', { class: 'answers', 'aria-label': 'Antwoorden', 'data-testid': 'kcc-answers' });
    const form = h(
      'form',
      { role: 'search', 'aria-labelledby': 'kcc-answer-heading', novalidate: true },
      h('label', { for: 'kcc-answer-q' }, ANSWER_TEXTS.label),
      h('p', { class: 'hint', id: 'kcc-answer-hint' }, ANSWER_TEXTS.hint),
      h(
        'div',
        { class: 'row' },
        this.input,
        h('button', { type: 'submit', class: 'secondary' }, ANSWER_TEXTS.button),
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.search(this.input.value);
    });
    this.element = h(
      'section',
      { class: 'answer-search', 'aria-labelledby': 'kcc-answer-heading', 'data-testid': 'kcc-answer-search' },
      h('h3', { class: 'subtitle', id: 'kcc-answer-heading' }, ANSWER_TEXTS.heading),
      form,
      this.status,
      this.list,
    );
  }

  async search(text: string): Promise<void> {
    const q = text.trim().replace(/\s+/g, ' ').slice(0, MAX_QUERY);
    const number = ++this.searchNumber;
    this.list.replaceChildren();
    if (q.length < 2) {
      this.status.textContent = ANSWER_TEXTS.tooShort;
      return;
    }
    this.status.textContent = ANSWER_TEXTS.searching;
    let items: PublicAnswer[];
    try {
      const res = await this.fetchFn(
        `${this.serverUrl}/api/public/kennisbank/search?q=${encodeURIComponent(q)}&limit=5`,
        { headers: { accept: 'application/json' } },
      );
      if (number !== this.searchNumber) return;
      if (res.status === 429) {
        this.status.textContent = ANSWER_TEXTS.tooMany;
        return;
      }
      if (!res.ok) throw new Error(`status ${res.status}`);
      items = ((await res.json()) as { items: PublicAnswer[] }).items;
    } catch {
      if (number === this.searchNumber) this.status.textContent = ANSWER_TEXTS.failed;
      return;
    }
    if (number !== this.searchNumber) return;
    this.status.textContent = items.length === 0 ? ANSWER_TEXTS.none : ANSWER_TEXTS.found(items.length);
    this.list.replaceChildren(...items.map((item) => this.answerItem(item)));
  }

  /** The resident starts a chat: counted only when an answer was opened in this visit. */
  chatStarted(): void {
    if (this.openedAny) this.report({ kind: 'chat-gestart' });
  }

  private answerItem(item: PublicAnswer): HTMLLIElement {
    const detailsId = `kcc-answer-${this.searchNumber}-${item.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const details = h('div', { class: 'answer-details', id: detailsId, hidden: true });
    const toggle = h(
      'button',
      { type: 'button', class: 'answer-title', 'aria-expanded': 'false', 'aria-controls': detailsId },
      item.title,
    );
    details.append(h('p', { class: 'snippet' }, ...snippetNodes(item.snippet)));
    if (item.kanaal) {
      details.append(
        h(
          'p',
          { class: 'kanaal', 'data-testid': 'kcc-answer-kanaal' },
          h('strong', {}, ANSWER_TEXTS.kanaal(item.kanaal.primair)),
          h('br'),
          ANSWER_TEXTS.otherwise(item.kanaal.secundair),
        ),
      );
    }
    if (item.url && /^https?:\/\//.test(item.url)) {
      details.append(
        h(
          'p',
          {},
          h('a', { href: item.url, target: '_blank', rel: 'noopener noreferrer' }, ANSWER_TEXTS.readMore),
        ),
      );
    }
    let reported = false;
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      details.hidden = !open;
      if (open && !reported) {
        reported = true;
        this.openedAny = true;
        this.report({ kind: 'geopend', articleId: item.id });
      }
    });
    return h('li', { class: 'answer', 'data-answer-id': item.id }, toggle, details);
  }

  private sessie(): string {
    try {
      const existing = this.storage?.getItem(SESSION_KEY);
      if (existing && /^[A-Za-z0-9_-]{8,64}$/.test(existing)) return existing;
      const id = randomId();
      this.storage?.setItem(SESSION_KEY, id);
      return id;
    } catch {
      return randomId();
    }
  }

  private report(event: { kind: 'geopend' | 'chat-gestart'; articleId?: string }): void {
    // Counting is a convenience: a failure never bothers the resident.
    void this.fetchFn(`${this.serverUrl}/api/public/kennisbank/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...event, sessie: this.sessie() }),
      keepalive: true,
    }).catch(() => undefined);
  }
}

/** Styles of the answer search, adopted next to the widget's own. Contrast as in `styles.ts`. */
export const ANSWER_CSS = `
.answer-search { display: flex; flex-direction: column; gap: 8px; margin-bottom: 16px; padding-bottom: 16px;
  border-bottom: 1px solid #d1d5db; }
.answer-search input[type="search"] { flex: 1; padding: 8px 10px; border: 2px solid #4b5563; border-radius: 4px; }
.answers { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.answer-title { width: 100%; min-height: 44px; padding: 8px 10px; text-align: left; border: 2px solid #154273;
  border-radius: 4px; background: #ffffff; color: #154273; font-weight: 600; cursor: pointer; }
.answer-title[aria-expanded="true"] { background: #eef2f7; }
.answer-details { padding: 8px 10px; font-size: 15px; }
.answer-details p { margin: 0 0 8px; }
.answer-details mark { background: #ffdd00; color: #0b0c0c; }
.kanaal { padding: 6px 8px; border-left: 4px solid #154273; background: #eef2f7; }
`;
