import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_TEXTS, AnswerSearch, snippetNodes } from './answer-search';
import { CLIENT_EVENTS } from './protocol';
import { FakeTransport, flush, memoryStorage } from './testing/fake-transport';
import { mountWidget, type MountedWidget } from './widget';

const SERVER = 'https://kcc.voorbeeldstad.nl';
const ANSWERS = {
  query: 'paspoort aanvragen',
  items: [
    {
      id: 'upl:paspoort',
      type: 'product',
      title: 'Paspoort',
      snippet: 'Uniforme productnaam: <mark>paspoort</mark>. &lt;img src=x onerror=alert(1)&gt;',
      url: 'http://standaarden.overheid.nl/owms/terms/paspoort',
      kanaal: { primair: 'website (afspraak maken)', secundair: 'telefoon (14 + netnummer)' },
    },
    {
      id: 'vac:1',
      type: 'vac',
      title: 'Hoe vraag ik een paspoort aan?',
      snippet: 'Maak een afspraak.',
      url: null,
    },
  ],
};

function fakeFetch(search: () => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fn = vi.fn((url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), ...(init ? { init } : {}) });
    if (String(url).includes('/events')) return Promise.resolve(new Response(null, { status: 204 }));
    return Promise.resolve(search());
  });
  return { fn: fn as unknown as typeof fetch, calls };
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('AnswerSearch ("Zoek uw vraag")', () => {
  it('shows the public answers with their kanaaladvies; a snippet is text with marks, never HTML', async () => {
    const { fn, calls } = fakeFetch(() => json(ANSWERS));
    const search = new AnswerSearch({ serverUrl: `${SERVER}/`, fetch: fn, storage: memoryStorage() });
    document.body.append(search.element);
    await search.search('  paspoort   aanvragen ');
    expect(calls[0]!.url).toBe(`${SERVER}/api/public/kennisbank/search?q=paspoort%20aanvragen&limit=5`);
    expect(search.element.querySelector('[role=status]')!.textContent).toBe(ANSWER_TEXTS.found(2));
    const first = search.element.querySelector<HTMLButtonElement>('[data-answer-id="upl:paspoort"] button')!;
    expect(first.textContent).toBe('Paspoort');
    expect(first.getAttribute('aria-expanded')).toBe('false');
    first.click();
    expect(first.getAttribute('aria-expanded')).toBe('true');
    const details = search.element.querySelector('[data-answer-id="upl:paspoort"] .answer-details')!;
    expect(details.querySelector('mark')!.textContent).toBe('paspoort');
    expect(details.querySelector('img')).toBeNull();
    expect(details.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(details.querySelector('[data-testid=kcc-answer-kanaal]')!.textContent).toBe(
      'Regel dit het snelst via: website (afspraak maken)Lukt dat niet? Dan: telefoon (14 + netnummer)',
    );
    search.element.remove();
  });

  it('reports an opened answer once, and a chat started after it, with one random id per visit', async () => {
    const { fn, calls } = fakeFetch(() => json(ANSWERS));
    const storage = memoryStorage();
    const search = new AnswerSearch({ serverUrl: SERVER, fetch: fn, storage });
    search.chatStarted(); // nothing opened yet: not counted
    await search.search('paspoort');
    const toggle = search.element.querySelector<HTMLButtonElement>('[data-answer-id="upl:paspoort"] button')!;
    toggle.click();
    toggle.click();
    toggle.click();
    search.chatStarted();
    const events = calls.filter((c) => c.url.endsWith('/api/public/kennisbank/events'));
    const bodies = events.map((c) => JSON.parse(String(c.init!.body)) as Record<string, string>);
    expect(bodies.map((b) => b.kind)).toEqual(['geopend', 'chat-gestart']);
    expect(bodies[0]!.articleId).toBe('upl:paspoort');
    expect(bodies[0]!.sessie).toMatch(/^[0-9a-f]{24}$/);
    expect(bodies[1]!.sessie).toBe(bodies[0]!.sessie);
  });

  it('says what to do when nothing is found, the server limits, the query is too short or the search fails', async () => {
    const status = (s: AnswerSearch) => s.element.querySelector('[role=status]')!.textContent;
    const empty = new AnswerSearch({
      serverUrl: SERVER,
      fetch: fakeFetch(() => json({ query: 'x', items: [] })).fn,
    });
    await empty.search('qqqq');
    expect(status(empty)).toBe(ANSWER_TEXTS.none);
    const limited = new AnswerSearch({
      serverUrl: SERVER,
      fetch: fakeFetch(() => json({ status: 429 }, 429)).fn,
    });
    await limited.search('paspoort');
    expect(status(limited)).toBe(ANSWER_TEXTS.tooMany);
    const { fn, calls } = fakeFetch(() => json(ANSWERS));
    const short = new AnswerSearch({ serverUrl: SERVER, fetch: fn });
    await short.search(' a ');
    expect(status(short)).toBe(ANSWER_TEXTS.tooShort);
    expect(calls).toHaveLength(0);
    const broken = new AnswerSearch({
      serverUrl: SERVER,
      fetch: (() => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch,
    });
    await broken.search('paspoort');
    expect(status(broken)).toBe(ANSWER_TEXTS.failed);
  });

  it('builds on a page without fetch (as jsdom); the search then says it failed', async () => {
    vi.stubGlobal('fetch', undefined);
    try {
      const search = new AnswerSearch({ serverUrl: SERVER });
      await search.search('paspoort');
      expect(search.element.querySelector('[role="status"]')?.textContent).toBe(ANSWER_TEXTS.failed);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('decodes only the entities the engine escapes', () => {
    const text = snippetNodes('a &amp;lt; b <mark>c&quot;</mark>')
      .map((n) => (n.nodeName === 'MARK' ? `[${n.textContent}]` : n.textContent))
      .join('');
    expect(text).toBe('a &lt; b [c"]');
  });
});

describe('the widget start and offline screens', () => {
  let widget: MountedWidget | undefined;
  afterEach(() => widget?.destroy());

  it('has "Zoek uw vraag" above the start form, and counts a chat started after an opened answer', async () => {
    const { fn, calls } = fakeFetch(() => json(ANSWERS));
    const transport = new FakeTransport().reply(CLIENT_EVENTS.availability, {
      ok: true,
      data: { available: true, open: true, openingHours: 'altijd' },
    });
    widget = mountWidget(
      document,
      { serverUrl: SERVER, queue: 'chat', title: 'Chat' },
      { transport, storage: memoryStorage(), fetch: fn },
    );
    widget.open();
    await flush();
    const root = widget.host.shadowRoot!;
    const start = root.querySelector('[data-section=start]')!;
    const searchBox = start.querySelector<HTMLInputElement>('input[type=search]')!;
    expect(root.querySelector(`label[for=${searchBox.id}]`)!.textContent).toBe('Zoek uw vraag');
    expect(
      searchBox.compareDocumentPosition(start.querySelector('[data-testid=kcc-start-form]')!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    searchBox.value = 'paspoort aanvragen';
    searchBox.form!.requestSubmit();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-answer-id]')).toHaveLength(2));
    root.querySelector<HTMLButtonElement>('[data-answer-id="vac:1"] button')!.click();
    root.querySelector<HTMLFormElement>('[data-testid=kcc-start-form]')!.requestSubmit();
    const kinds = calls
      .filter((c) => c.url.endsWith('/events'))
      .map((c) => (JSON.parse(String(c.init!.body)) as { kind: string }).kind);
    expect(kinds).toEqual(['geopend', 'chat-gestart']);
  });

  it('shows "Zoek uw vraag" on the offline form too when no one can chat', async () => {
    const transport = new FakeTransport().reply(CLIENT_EVENTS.availability, {
      ok: true,
      data: { available: false, reason: 'geen-medewerkers', openingHours: 'altijd' },
    });
    widget = mountWidget(
      document,
      { serverUrl: SERVER, queue: 'chat', title: 'Chat' },
      { transport, storage: memoryStorage(), fetch: fakeFetch(() => json(ANSWERS)).fn },
    );
    widget.open();
    await vi.waitFor(() =>
      expect(widget!.host.shadowRoot!.querySelector('[data-section=offline]')!.hasAttribute('hidden')).toBe(
        false,
      ),
    );
    const offline = widget.host.shadowRoot!.querySelector('[data-section=offline]')!;
    expect(offline.querySelector('[data-testid=kcc-answer-search]')).not.toBeNull();
    expect(offline.firstElementChild!.getAttribute('data-testid')).toBe('kcc-answer-search');
  });
});
