import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@kcc/contracts/domain';
import type { Article, KennisbankSearchResponse } from '@kcc/contracts/kennisbank';
import { kennisbankPaneActions } from '../features/kennisbank/stores/kennisbank-pane-store';
import { contact, klantbeeldUnknown, me } from '../testing/fixtures';
import { renderApp, type RenderRoutes } from '../testing/render-app';

const paspoort: Article = {
  id: 'upl:paspoort',
  type: 'product',
  title: 'paspoort',
  body: 'Een paspoort vraagt u aan bij de gemeente.\n\n- Maak online een afspraak.\n- Neem een pasfoto mee.',
  keywords: [],
  published: true,
  belangrijk: false,
  source: 'upl',
  updatedAt: '2026-11-20T10:00:00Z',
  kanaal: { primair: 'website (afspraak maken)', secundair: 'telefoon (14 + netnummer)' },
};

const searchResponse = (q: string): KennisbankSearchResponse => ({
  query: q,
  total: 2,
  tookMs: 0.5,
  items: [
    {
      id: 'upl:paspoort',
      type: 'product',
      title: 'paspoort',
      snippet: '<mark>paspoort</mark>',
      url: null,
      score: 9,
      kanaal: paspoort.kanaal,
    },
    { id: 'vac:2', type: 'vac', title: 'Wat kost een paspoort?', snippet: 'kosten', url: null, score: 5 },
  ],
});

const nieuws = { items: [], ongelezen: 0 };

function agentRoutes(): RenderRoutes {
  return {
    'GET /api/me/contacts': {
      status: 200,
      body: {
        items: [contact({ subject: 'Paspoort verlopen', body: 'Mijn paspoort is verlopen, wat nu?' })],
      },
    },
    'GET /api/contacts/c-1/klantbeeld': { status: 200, body: klantbeeldUnknown() },
    'GET /api/kennisbank/search': (request) => ({
      status: 200,
      body: searchResponse(new URL(`http://x${request.path}`).searchParams.get('q') ?? ''),
    }),
    'GET /api/kennisbank/articles/upl%3Apaspoort': { status: 200, body: paspoort },
    'GET /api/kennisbank/nieuws': { status: 200, body: nieuws },
    'POST /api/contacts/c-1/registration': {
      status: 201,
      body: { klantcontact: { uuid: '5e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', url: 'http://kcc.test/kc/1' } },
    },
  };
}

const sessionWith = (roles: Role[]) => ({
  token: `t-${roles.join('-')}`,
  user: { id: 'u-x', name: 'Xander', roles },
});
const meWith = (roles: Role[]) => {
  const base = me();
  return { ...base, user: { ...base.user, name: 'Xander', roles }, queues: [] };
};

describe('kennisbank in the agent shell', () => {
  beforeEach(() => kennisbankPaneActions.sessionEnded());

  it('suggests articles for the open contact from its subject and first message', async () => {
    const { api } = renderApp({ routes: agentRoutes() });
    const suggestions = await screen.findByTestId('kennisbank-suggestions');
    await waitFor(() => expect(within(suggestions).getAllByRole('listitem')).toHaveLength(2));
    expect(within(suggestions).getByTestId('wijs-op')).toHaveTextContent('Wijs op: website (afspraak maken)');
    expect(
      api.requests.some(
        (r) =>
          r.path ===
          '/api/kennisbank/search?q=Paspoort+verlopen+Mijn+paspoort+is+verlopen%2C+wat+nu%3F&limit=3',
      ),
    ).toBe(true);

    await userEvent.setup().click(within(suggestions).getByRole('button', { name: 'paspoort' }));
    expect(await screen.findByTestId('kennisbank-article')).toHaveAttribute(
      'data-article-id',
      'upl:paspoort',
    );
  });

  it('Ctrl+K → search → Enter → "Gebruik in antwoord" fills the answer, bronnen and kanaalsturing, which are registered', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ routes: agentRoutes() });
    const answer = await screen.findByRole('textbox', { name: 'Antwoord / notitie' });
    await user.click(answer);
    await user.type(answer, 'Uitgelegd.');
    expect(screen.getByRole('button', { name: 'Kennisbank (Ctrl+K)' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );

    await user.keyboard('{Control>}k{/Control}');
    const search = await screen.findByRole('combobox', { name: 'Zoek in de kennisbank' });
    expect(search).toHaveFocus();
    await user.type(search, 'paspoord aanvragen');
    await screen.findByRole('listbox', { name: 'Resultaten' });
    await user.keyboard('{ArrowDown}{Enter}');
    const article = await screen.findByTestId('kennisbank-article');
    await user.click(within(article).getByRole('button', { name: 'Gebruik in antwoord' }));

    expect(answer).toHaveValue(
      'Uitgelegd.\n\nEen paspoort vraagt u aan bij de gemeente.\n\n- Maak online een afspraak.\n- Neem een pasfoto mee.',
    );
    const kanaalsturing = screen.getByTestId('kanaalsturing');
    expect(kanaalsturing).toHaveTextContent('Wijs op: website (afspraak maken)');
    // A caller is never told to call: the phone fallback is left out for a phone contact.
    expect(kanaalsturing).not.toHaveTextContent('Lukt dat niet?');
    expect(within(article).getByTestId('article-kanaal')).not.toHaveTextContent('telefoon');
    expect(within(screen.getByTestId('bronnen')).getByText('paspoort')).toBeInTheDocument();
    // Using the same article twice adds neither its text nor its source again.
    await user.click(within(article).getByRole('button', { name: 'Gebruik in antwoord' }));
    expect(within(screen.getByTestId('bronnen')).getAllByRole('listitem')).toHaveLength(1);
    expect((answer as HTMLTextAreaElement).value.match(/pasfoto/g)).toHaveLength(1);

    await user.click(
      within(kanaalsturing).getByRole('checkbox', { name: 'Klant gewezen op primair kanaal' }),
    );
    await user.type(screen.getByRole('combobox', { name: 'Onderwerp' }), 'Paspoort aanvragen');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Gespreksresultaat' }),
      'Zelfstandig afgehandeld',
    );
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));

    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-1/registration')).toHaveLength(1));
    const body = api.requestsTo('POST', '/api/contacts/c-1/registration')[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      onderwerp: 'Paspoort aanvragen',
      kanaalsturing: {
        product: 'paspoort',
        primairKanaal: 'website (afspraak maken)',
        gewezenOpPrimairKanaal: true,
      },
      bronnen: [{ id: 'upl:paspoort', title: 'paspoort' }],
      afronden: true,
    });
    expect(body.kanaalsturing).not.toHaveProperty('secundairKanaal');
  });

  it('lists the kennisbank shortcuts in the help dialog', async () => {
    const user = userEvent.setup();
    renderApp({ routes: agentRoutes() });
    await user.click(await screen.findByRole('button', { name: 'Sneltoetsen' }));
    const help = screen.getByTestId('shortcut-help');
    expect(help).toHaveTextContent('Ctrl+KKennisbank: zoeken (overal)');
    expect(help).toHaveTextContent('EscapeKennisbank: terug naar resultaten');
  });
});

describe('role-aware shell', () => {
  beforeEach(() => kennisbankPaneActions.sessionEnded());

  it('a medewerker gets the agent shell with its socket', async () => {
    const { createSocket, container } = renderApp({ routes: agentRoutes() });
    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    expect(createSocket).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('status-select')).toBeInTheDocument();
    expect(screen.queryByTestId('kennisbank-beheer')).toBeNull();
  });

  it('a beheerder gets beheer without the agent socket or inbox calls', async () => {
    const roles: Role[] = ['beheerder'];
    const { createSocket, api, container } = renderApp({
      session: sessionWith(roles),
      routes: {
        'GET /api/me': { status: 200, body: meWith(roles) },
        'GET /api/kennisbank/nieuws': { status: 200, body: nieuws },
        'GET /api/kennisbank/articles': { status: 200, body: { total: 0, items: [] } },
        'GET /api/kanalenmatrix': { status: 200, body: { items: [] } },
      },
    });
    expect(await screen.findByRole('heading', { name: 'Beheer kennisbank', level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    expect(createSocket).not.toHaveBeenCalled();
    expect(screen.queryByTestId('status-select')).toBeNull();
    expect(api.requests.some((r) => r.path.startsWith('/api/me/'))).toBe(false);
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['Artikelen', 'Synoniemen', 'Kanalenmatrix', 'Kanaalsturing', 'Kwaliteit']);
    expect(screen.queryByTestId('kennisbank-pane')).toBeNull();
    expect(screen.getByRole('button', { name: 'Rapportages' })).toBeInTheDocument();
  });

  it('a redacteur edits content but cannot delete, change the kanalenmatrix or read the KPI', async () => {
    const roles: Role[] = ['redacteur'];
    const { createSocket } = renderApp({
      session: sessionWith(roles),
      routes: {
        'GET /api/me': { status: 200, body: meWith(roles) },
        'GET /api/kennisbank/nieuws': { status: 200, body: nieuws },
        'GET /api/kennisbank/articles': {
          status: 200,
          body: {
            total: 1,
            items: [
              {
                id: 'wi:1',
                type: 'werkinstructie',
                title: 'Instructie',
                published: true,
                belangrijk: false,
                updatedAt: '2026-11-20T10:00:00Z',
              },
            ],
          },
        },
      },
    });
    expect(await screen.findByRole('heading', { name: 'Beheer kennisbank', level: 1 })).toBeInTheDocument();
    expect(createSocket).not.toHaveBeenCalled();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Artikelen',
      'Synoniemen',
      'Kanalenmatrix',
      'Kwaliteit',
    ]);
    expect(await screen.findByRole('button', { name: 'Terugtrekken: Instructie' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Verwijderen: Instructie' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Rapportages' })).toBeNull();
  });

  it('a user without a role that has a screen is told so and can log out', async () => {
    const user = userEvent.setup();
    const { createSocket } = renderApp({ session: sessionWith([]) });
    expect(screen.getByRole('heading', { name: 'Geen scherm voor uw rol' })).toBeInTheDocument();
    expect(createSocket).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Uitloggen' }));
    expect(await screen.findByRole('button', { name: 'Inloggen' })).toBeInTheDocument();
  });
});
