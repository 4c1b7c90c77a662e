import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article, KennisbankSearchResponse } from '@kcc/contracts/kennisbank';
import type { RecordedRequest } from '../../../testing/mock-fetch';
import { renderWithProviders } from '../../../testing/render-app';
import { kennisbankPaneActions } from '../stores/kennisbank-pane-store';
import { KennisbankPane } from './kennisbank-pane';

const MALICIOUS = '<img src=x onerror="window.__pwned=1">uw <mark>paspoort</mark> &lt;b&gt;vet&lt;/b&gt;';

const results = (q: string): KennisbankSearchResponse => ({
  query: q,
  total: 14,
  tookMs: 0.8,
  items: [
    {
      id: 'upl:paspoort',
      type: 'product',
      title: 'paspoort',
      snippet: 'Uniforme productnaam: <mark>paspoort</mark>.',
      url: 'http://standaarden.overheid.nl/owms/terms/paspoort',
      score: 20,
      kanaal: { primair: 'website (afspraak maken)', secundair: 'telefoon (14 + netnummer)' },
    },
    {
      id: 'vac:1',
      type: 'vac',
      title: 'Hoe kan ik een paspoort aanvragen?',
      snippet: MALICIOUS,
      url: null,
      score: 15,
    },
    { id: 'wi:x', type: 'werkinstructie', title: 'Paspoort kwijt', snippet: 'kwijt', url: null, score: 3 },
  ],
});

const paspoort: Article = {
  id: 'upl:paspoort',
  type: 'product',
  title: 'paspoort',
  body: 'Maak een afspraak.\n\nMeenemen:\n- oude paspoort\n- pasfoto\n\n<script>window.__pwned=2</script>',
  url: 'javascript:alert(1)',
  keywords: [],
  published: true,
  belangrijk: false,
  source: 'upl',
  license: 'CC0 1.0 Universal',
  updatedAt: '2026-11-20T10:00:00Z',
  kanaal: { primair: 'website (afspraak maken)', secundair: 'telefoon (14 + netnummer)' },
};

function searchRoute(request: RecordedRequest) {
  const q = new URL(`http://x${request.path}`).searchParams.get('q') ?? '';
  return { status: 200, body: results(q) };
}

function renderPane(onUse = vi.fn()) {
  const rendered = renderWithProviders(<KennisbankPane useInAnswer={{ target: 'Jan Jansen', onUse }} />, {
    routes: {
      'GET /api/kennisbank/search': searchRoute,
      'GET /api/kennisbank/articles/upl%3Apaspoort': { status: 200, body: paspoort },
    },
  });
  act(() => kennisbankPaneActions.searchRequested());
  return { ...rendered, onUse };
}

const searchBox = () => screen.getByRole('combobox', { name: 'Zoek in de kennisbank' });
const searches = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.path.startsWith('/api/kennisbank/search'));

describe('KennisbankPane', () => {
  beforeEach(() => {
    kennisbankPaneActions.sessionEnded();
    delete (window as { __pwned?: number }).__pwned;
  });

  it('opens on the search field and searches once after typing stops (debounced, query in the request)', async () => {
    const user = userEvent.setup();
    const { api } = renderPane();
    expect(screen.getByRole('search', { name: 'Zoeken in de kennisbank' })).toBeInTheDocument();
    expect(searchBox()).toHaveFocus();
    await user.type(searchBox(), 'paspoord aanvragen');
    await screen.findAllByTestId('kennisbank-result');
    expect(searches(api.requests).map((r) => r.path)).toEqual([
      '/api/kennisbank/search?q=paspoord+aanvragen&limit=10',
    ]);
    expect(api.requests.find((r) => r.path.startsWith('/api/kennisbank/search'))?.headers.authorization).toBe(
      'Bearer test-token',
    );
    // After a pause, typing on searches again with the new text (the previous results stay meanwhile).
    await user.type(searchBox(), ' kosten');
    await waitFor(() => expect(searches(api.requests)).toHaveLength(2));
    expect(searches(api.requests)[1]!.path).toBe(
      '/api/kennisbank/search?q=paspoord+aanvragen+kosten&limit=10',
    );
    await waitFor(() =>
      expect(screen.getByTestId('kennisbank-count')).toHaveTextContent('"paspoord aanvragen kosten"'),
    );
    // The result count is announced politely.
    expect(screen.getByTestId('kennisbank-count')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByTestId('kennisbank-count')).toHaveTextContent(
      '14 resultaten voor "paspoord aanvragen kosten". De beste 3 staan hieronder.',
    );
  });

  it('shows type labels, highlighted snippets and "Wijs op" for product results; snippets cannot inject HTML', async () => {
    const user = userEvent.setup();
    const { container } = renderPane();
    await user.type(searchBox(), 'paspoort');
    const items = await screen.findAllByTestId('kennisbank-result');
    expect(items).toHaveLength(3);
    expect(within(items[0]!).getByText('Product')).toBeInTheDocument();
    expect(within(items[0]!).getByTestId('wijs-op')).toHaveTextContent('Wijs op: website (afspraak maken)');
    expect(within(items[1]!).getByText('Vraag en antwoord')).toBeInTheDocument();
    expect(within(items[1]!).queryByTestId('wijs-op')).toBeNull();
    expect(within(items[2]!).getByText('Werkinstructie')).toBeInTheDocument();

    // Only <mark> became an element; the rest of the malicious snippet is visible text.
    expect(within(items[1]!).getByText('paspoort', { selector: 'mark' })).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('<img src=x onerror="window.__pwned=1">uw paspoort <b>vet</b>');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('arrow keys move through the results, Enter opens the article, Escape goes back and then closes', async () => {
    const user = userEvent.setup();
    renderPane();
    await user.type(searchBox(), 'paspoort');
    const items = within(await screen.findByRole('listbox', { name: 'Resultaten' })).getAllByRole('option');
    expect(searchBox()).toHaveAttribute('aria-expanded', 'true');

    await user.keyboard('{ArrowDown}');
    expect(items[0]).toHaveAttribute('aria-selected', 'true');
    expect(searchBox()).toHaveAttribute('aria-activedescendant', items[0]!.id);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(items[0]).toHaveAttribute('aria-selected', 'true'); // wraps around
    await user.keyboard('{ArrowUp}');
    expect(items[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');

    await user.keyboard('{Enter}');
    const article = await screen.findByTestId('kennisbank-article');
    expect(within(article).getByRole('heading', { name: 'paspoort' })).toHaveFocus();
    expect(screen.queryByRole('listbox')).toBeNull();
    // Body: paragraphs and a list as elements; HTML stays text; a javascript: url is not a link.
    expect(within(article).getByRole('list')).toHaveTextContent('oude paspoortpasfoto');
    expect(article).toHaveTextContent('<script>window.__pwned=2</script>');
    expect(article.querySelector('script')).toBeNull();
    expect(within(article).queryByRole('link')).toBeNull();
    expect(article).toHaveTextContent('Bron: Uniforme Productnamenlijst (UPL) · Licentie: CC0 1.0 Universal');
    expect(within(article).getByTestId('article-kanaal')).toHaveTextContent(
      'Wijs op: website (afspraak maken)Lukt dat niet? Dan: telefoon (14 + netnummer)',
    );

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('kennisbank-article')).toBeNull();
    await waitFor(() => expect(searchBox()).toHaveFocus());
    expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(3);
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('kennisbank-pane')).toBeNull();
  });

  it('Enter without a chosen result opens the first; "Gebruik in antwoord" hands over the article', async () => {
    const user = userEvent.setup();
    const { onUse } = renderPane();
    await user.type(searchBox(), 'paspoort');
    await screen.findByRole('listbox');
    await user.keyboard('{Enter}');
    await screen.findByTestId('kennisbank-article');
    await user.click(screen.getByRole('button', { name: 'Gebruik in antwoord' }));
    expect(onUse).toHaveBeenCalledWith(paspoort);
    expect(screen.getByText('Toegevoegd aan het antwoord voor Jan Jansen.')).toBeInTheDocument();
  });

  it('"Dit hielp" / "Dit hielp niet" sends the verdict with the query the article was found with', async () => {
    const user = userEvent.setup();
    const rendered = renderWithProviders(<KennisbankPane />, {
      routes: {
        'GET /api/kennisbank/search': searchRoute,
        'GET /api/kennisbank/articles/upl%3Apaspoort': { status: 200, body: paspoort },
        'POST /api/kennisbank/feedback': { status: 204, body: undefined },
      },
    });
    act(() => kennisbankPaneActions.searchRequested());
    await user.type(searchBox(), 'paspoort kwijt');
    await screen.findByRole('listbox');
    await user.keyboard('{Enter}');
    const feedback = await screen.findByRole('group', { name: 'Hielp dit artikel bij "paspoort kwijt"?' });
    await user.click(within(feedback).getByRole('button', { name: 'Dit hielp niet' }));
    await waitFor(() => expect(rendered.api.requestsTo('POST', '/api/kennisbank/feedback')).toHaveLength(1));
    expect(rendered.api.requestsTo('POST', '/api/kennisbank/feedback')[0]!.body).toEqual({
      articleId: 'upl:paspoort',
      query: 'paspoort kwijt',
      hielp: false,
    });
    expect(within(feedback).getByRole('button', { name: 'Dit hielp niet' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(within(feedback).getByRole('status')).toHaveTextContent('Bedankt, de redactie ziet uw oordeel.');
  });

  it('filters by type and shows a clear message when nothing is found or the search fails', async () => {
    const user = userEvent.setup();
    const { api } = renderPane();
    api.route('GET /api/kennisbank/search', (request) =>
      request.path.includes('type=afdeling')
        ? { status: 200, body: { query: 'zzz', total: 0, tookMs: 0.1, items: [] } }
        : { status: 500, body: { title: 'Er ging iets mis op de server', status: 500 } },
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Soort' }), 'Wie doet wat');
    await user.type(searchBox(), 'zzz');
    await waitFor(() =>
      expect(screen.getByTestId('kennisbank-count')).toHaveTextContent('Geen resultaten voor "zzz".'),
    );
    expect(searches(api.requests).at(-1)?.path).toBe('/api/kennisbank/search?q=zzz&limit=10&type=afdeling');
    expect(searchBox()).toHaveAttribute('aria-expanded', 'false');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Soort' }), 'Alles');
    expect(await screen.findByRole('alert')).toHaveTextContent('Zoeken is niet gelukt.');
  });

  it('returns focus to where the agent was when the pane closes', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <textarea aria-label="Antwoord" />
        <KennisbankPane />
      </>,
    );
    await user.click(screen.getByRole('textbox', { name: 'Antwoord' }));
    act(() => kennisbankPaneActions.searchRequested());
    expect(searchBox()).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Kennisbank sluiten' }));
    expect(screen.getByRole('textbox', { name: 'Antwoord' })).toHaveFocus();
  });
});
