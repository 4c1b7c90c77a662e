import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '@kcc/contracts/domain';
import type { Article, ArticleSummary, KanalenmatrixEntry } from '@kcc/contracts/kennisbank';
import { renderWithProviders, type RenderRoutes } from '../../../testing/render-app';
import { KennisbankBeheerView } from './kennisbank-beheer-view';

const summary: ArticleSummary = {
  id: 'wi:afval',
  type: 'werkinstructie',
  title: 'Melding afval',
  published: false,
  belangrijk: false,
  updatedAt: '2026-11-20T10:00:00Z',
  updatedBy: 'Rob de Boer',
};
const article = (overrides: Partial<Article> = {}): Article => ({
  ...summary,
  body: 'Tekst',
  keywords: ['afval'],
  ...overrides,
});
const matrix: KanalenmatrixEntry[] = [
  {
    product: 'paspoort',
    uplId: 'upl:paspoort',
    primair: 'website',
    secundair: 'telefoon',
    doelgroep: 'inwoner',
    nietVia: [],
    updatedAt: '2026-11-01T00:00:00Z',
  },
];

function renderView(roles: Role[], routes: RenderRoutes = {}) {
  const onContentChanged = vi.fn();
  const rendered = renderWithProviders(
    <KennisbankBeheerView roles={roles} onContentChanged={onContentChanged} />,
    {
      routes: {
        'GET /api/kennisbank/articles': { status: 200, body: { total: 1, items: [summary] } },
        'GET /api/kanalenmatrix': { status: 200, body: { items: matrix } },
        'GET /api/kennisbank/synonyms': {
          status: 200,
          body: {
            synonyms: { kliko: ['container'] },
            updatedAt: '2026-11-20T10:00:00Z',
            updatedBy: 'Bea Visser',
          },
        },
        ...routes,
      },
    },
  );
  return { ...rendered, onContentChanged };
}

describe('KennisbankBeheerView', () => {
  it('creates an article: validates first, then POSTs the input and tells the other views', async () => {
    const user = userEvent.setup();
    const { api, onContentChanged } = renderView(['redacteur'], {
      'POST /api/kennisbank/articles': (request) => ({
        status: 201,
        body: article({
          id: 'nws:storing-abc123',
          type: 'nieuws',
          title: 'Storing',
          published: true,
          belangrijk: true,
          ...(request.body as object),
        }),
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Nieuw artikel' }));
    const form = screen.getByTestId('article-form');
    expect(within(form).getByRole('textbox', { name: 'Titel' })).toHaveFocus();
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Er is 1 fout in het formulier.');
    expect(within(form).getByRole('textbox', { name: 'Titel' })).toHaveAttribute('aria-invalid', 'true');
    expect(api.requestsTo('POST', '/api/kennisbank/articles')).toHaveLength(0);

    await user.selectOptions(within(form).getByRole('combobox', { name: 'Soort' }), 'Werkbericht');
    await user.type(within(form).getByRole('textbox', { name: 'Titel' }), 'Storing');
    await user.type(within(form).getByRole('textbox', { name: 'Tekst' }), 'DigiD is weg.');
    await user.type(within(form).getByRole('textbox', { name: 'Geldig tot en met' }), '2026-12-31');
    await user.click(
      within(form).getByRole('checkbox', { name: 'Belangrijk werkbericht (bovenaan en opvallend)' }),
    );
    await user.click(
      within(form).getByRole('checkbox', { name: 'Gepubliceerd (zichtbaar voor medewerkers)' }),
    );
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));

    await waitFor(() => expect(api.requestsTo('POST', '/api/kennisbank/articles')).toHaveLength(1));
    expect(api.requestsTo('POST', '/api/kennisbank/articles')[0]!.body).toEqual({
      type: 'nieuws',
      title: 'Storing',
      body: 'DigiD is weg.',
      keywords: [],
      published: true,
      validUntil: '2026-12-31',
      belangrijk: true,
    });
    expect(await screen.findByText('Opgeslagen: Storing (gepubliceerd)')).toBeInTheDocument();
    expect(onContentChanged).toHaveBeenCalledTimes(1);
  });

  it('shows the server refusal next to the field (unknown product)', async () => {
    const user = userEvent.setup();
    renderView(['beheerder'], {
      'GET /api/kennisbank/articles/wi%3Aafval': { status: 200, body: article() },
      'PUT /api/kennisbank/articles/wi%3Aafval': {
        status: 400,
        body: {
          title: 'Ongeldige invoer',
          status: 400,
          invalidParams: [
            { name: 'product', code: 'invalid_value', reason: 'Dit product staat niet in de kanalenmatrix.' },
          ],
        },
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Melding afval' }));
    const form = await screen.findByTestId('article-form');
    expect(within(form).getByRole('textbox', { name: 'Titel' })).toHaveValue('Melding afval');
    await user.type(within(form).getByRole('combobox', { name: 'Product (kanalenmatrix)' }), 'onbekend');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await within(form).findByText('Dit product staat niet in de kanalenmatrix.')).toBeInTheDocument();
  });

  it('publishes from the list; only a beheerder can delete', async () => {
    const user = userEvent.setup();
    const { api, onContentChanged, unmount } = renderView(['redacteur'], {
      'POST /api/kennisbank/articles/wi%3Aafval/publish': { status: 200, body: article({ published: true }) },
    });
    const row = (await screen.findAllByTestId('beheer-article-row'))[0]!;
    expect(within(row).queryByRole('button', { name: /Verwijderen/ })).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Publiceren: Melding afval' }));
    expect(await screen.findByText('Gepubliceerd: Melding afval')).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/kennisbank/articles/wi%3Aafval/publish')).toHaveLength(1);
    expect(onContentChanged).toHaveBeenCalled();
    unmount();

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const beheerder = renderView(['beheerder'], {
      'DELETE /api/kennisbank/articles/wi%3Aafval': { status: 204 },
    });
    await user.click(await screen.findByRole('button', { name: 'Verwijderen: Melding afval' }));
    expect(await screen.findByText('Verwijderd: Melding afval')).toBeInTheDocument();
    expect(beheerder.api.requestsTo('DELETE', '/api/kennisbank/articles/wi%3Aafval')).toHaveLength(1);
  });

  it('edits synonyms as lines: invalid lines block saving, valid text is PUT as a map', async () => {
    const user = userEvent.setup();
    const { api } = renderView(['beheerder'], {
      'PUT /api/kennisbank/synonyms': (request) => ({ status: 200, body: request.body }),
    });
    await user.click(await screen.findByRole('tab', { name: 'Synoniemen' }));
    const text = await screen.findByRole('textbox', { name: 'Synoniemenlijst' });
    expect(text).toHaveValue('kliko: container');
    await user.type(text, '\ngba brp');
    await user.click(screen.getByRole('button', { name: 'Synoniemen opslaan' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Regel 2: Er staat geen dubbele punt in.');
    expect(api.requestsTo('PUT', '/api/kennisbank/synonyms')).toHaveLength(0);

    await user.clear(text);
    await user.type(text, 'kliko: container{Enter}gba: brp, basisregistratie personen');
    await user.click(screen.getByRole('button', { name: 'Synoniemen opslaan' }));
    await waitFor(() => expect(api.requestsTo('PUT', '/api/kennisbank/synonyms')).toHaveLength(1));
    expect(api.requestsTo('PUT', '/api/kennisbank/synonyms')[0]!.body).toEqual({
      synonyms: { kliko: ['container'], gba: ['brp', 'basisregistratie personen'] },
    });
    expect(await screen.findByText('Opgeslagen: 2 regels. Zoeken gebruikt ze meteen.')).toBeInTheDocument();
  });

  it('the kanalenmatrix is editable by a beheerder only; tabs follow the arrow keys', async () => {
    const user = userEvent.setup();
    const { api, unmount } = renderView(['redacteur']);
    const tab = await screen.findByRole('tab', { name: 'Artikelen' });
    tab.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Kanalenmatrix' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Kanalenmatrix' })).toHaveAttribute('aria-selected', 'true');
    await screen.findAllByTestId('kanalenmatrix-row');
    expect(screen.queryByRole('button', { name: 'Wijzigen: paspoort' })).toBeNull();
    expect(screen.getByText('Alleen een beheerder kan de kanalenmatrix wijzigen.')).toBeInTheDocument();
    expect(api.requests.some((r) => r.method === 'PUT')).toBe(false);
    unmount();

    const beheerder = renderView(['beheerder'], {
      'PUT /api/kanalenmatrix/paspoort': (request) => ({
        status: 200,
        body: { product: 'paspoort', ...(request.body as object), updatedAt: '2026-11-24T10:00:00Z' },
      }),
    });
    await user.click(await screen.findByRole('tab', { name: 'Kanalenmatrix' }));
    await user.click(await screen.findByRole('button', { name: 'Wijzigen: paspoort' }));
    const primair = screen.getByRole('textbox', { name: 'Primair kanaal (wijs op)' });
    await user.clear(primair);
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Vul het primaire en secundaire kanaal in.');
    await user.type(primair, 'website (afspraak maken)');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Doelgroep' }), 'Inwoners en ondernemers');
    const nietVia = screen.getByRole('group', { name: 'Niet via dit kanaal' });
    await user.click(within(nietVia).getByRole('checkbox', { name: 'Post' }));
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() =>
      expect(beheerder.api.requestsTo('PUT', '/api/kanalenmatrix/paspoort')).toHaveLength(1),
    );
    expect(beheerder.api.requestsTo('PUT', '/api/kanalenmatrix/paspoort')[0]!.body).toEqual({
      primair: 'website (afspraak maken)',
      secundair: 'telefoon',
      doelgroep: 'beide',
      nietVia: ['post'],
      uplId: 'upl:paspoort',
    });
    expect(
      await screen.findByText('Opgeslagen: paspoort, wijs op website (afspraak maken).'),
    ).toBeInTheDocument();
  });
});
