import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallbackView, ContactContextResponse } from '@kcc/contracts/channels';
import { conversationActions } from '../features/conversation/stores/conversation-store';
import { handoverActions } from '../features/handover/stores/handover-store';
import { contact, klantbeeldUnknown } from '../testing/fixtures';
import { renderApp, type RenderRoutes } from '../testing/render-app';

const tel = contact({ id: 'c-1', channel: 'telefoon', queue: 'algemeen', from: { phone: '+31612345678' } });
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();

const context = (extra: Partial<ContactContextResponse> = {}): ContactContextResponse => ({
  contactId: 'c-1',
  channel: 'telefoon',
  messages: [],
  notes: [],
  drafts: [],
  events: [],
  ...extra,
});

const colleagues = {
  items: [
    { id: 'user-bram', name: 'Bram Jansen', presence: 'beschikbaar' },
    { id: 'user-cor', name: 'Cor de Wit', presence: 'pauze' },
  ],
  queues: [
    { id: 'algemeen', name: 'Algemeen', channels: ['telefoon', 'chat'] },
    { id: 'belastingen', name: 'Belastingen', channels: ['telefoon'] },
    { id: 'alleen-mail', name: 'Alleen e-mail', channels: ['email'] },
  ],
};

function routes(extra: RenderRoutes = {}): RenderRoutes {
  return {
    'GET /api/me/contacts': { status: 200, body: { items: [tel] } },
    'GET /api/contacts/c-1/klantbeeld': { status: 200, body: klantbeeldUnknown() },
    'GET /api/contacts/c-1/context': { status: 200, body: context() },
    'GET /api/colleagues': { status: 200, body: colleagues },
    'PUT /api/contacts/c-1/draft': (request) => ({
      status: 200,
      body: { agentId: 'u-anna', draft: (request.body as { draft: unknown }).draft, savedAt: at(1) },
    }),
    'POST /api/contacts/c-1/transfer': (request) => ({
      status: 200,
      body: { contactId: 'c-1', ...(request.body as object), offerId: 'o-9' },
    }),
    ...extra,
  };
}

async function ready(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp(options);
  await waitFor(() => expect(rendered.container.querySelector('[data-app-state="ready"]')).not.toBeNull());
  await screen.findByTestId('handover-actions');
  return rendered;
}

beforeEach(() => {
  conversationActions.sessionEnded();
  handoverActions.sessionEnded();
});

describe('Doorverbinden', () => {
  it('validates the target, syncs the registration draft first, then transfers to a colleague with a note', async () => {
    const user = userEvent.setup();
    const { api } = await ready({ routes: routes() });
    await user.type(screen.getByRole('combobox', { name: 'Onderwerp' }), 'Bezwaar WOZ');
    await user.click(screen.getByRole('button', { name: 'Doorverbinden' }));
    const dialog = await screen.findByTestId('transfer-dialog');
    const colleague = within(dialog).getByRole('combobox', { name: 'Collega' });
    await waitFor(() => expect(within(colleague).getAllByRole('option')).toHaveLength(3));
    // Available colleagues first, with their presence.
    expect(
      within(colleague)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Kies een collega', 'Bram Jansen (Beschikbaar)', 'Cor de Wit (Pauze)']);

    await user.click(within(dialog).getByRole('button', { name: 'Doorverbinden' }));
    expect(within(dialog).getByText('Kies een collega.')).toBeInTheDocument();
    expect(colleague).toHaveAttribute('aria-invalid', 'true');
    expect(api.requestsTo('POST', '/api/contacts/c-1/transfer')).toHaveLength(0);

    await user.selectOptions(colleague, 'user-bram');
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Notitie voor de ontvanger' }),
      'Partij is bekend',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Doorverbinden' }));
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-1/transfer')).toHaveLength(1));
    const put = api.requestsTo('PUT', '/api/contacts/c-1/draft');
    expect(put).toHaveLength(1);
    expect((put[0]?.body as { draft: Record<string, unknown> }).draft).toMatchObject({
      onderwerp: 'Bezwaar WOZ',
    });
    expect((put[0]?.body as { draft: Record<string, unknown> }).draft).not.toHaveProperty('pendingKey');
    expect(api.requests.indexOf(put[0]!)).toBeLessThan(
      api.requests.indexOf(api.requestsTo('POST', '/api/contacts/c-1/transfer')[0]!),
    );
    expect(api.requestsTo('POST', '/api/contacts/c-1/transfer')[0]?.body).toEqual({
      toAgentId: 'user-bram',
      note: 'Partij is bekend',
    });
    expect(await screen.findByText('Contact doorverbonden naar Bram Jansen.')).toBeInTheDocument();
    expect(screen.queryByTestId('transfer-dialog')).toBeNull();
  });

  it('transfers to a queue that serves the channel, without a draft when nothing was typed', async () => {
    const user = userEvent.setup();
    const { api } = await ready({ routes: routes() });
    await user.click(screen.getByRole('button', { name: 'Doorverbinden' }));
    const dialog = await screen.findByTestId('transfer-dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Naar een wachtrij' }));
    const queue = within(dialog).getByRole('combobox', { name: 'Wachtrij' });
    await waitFor(() => expect(within(queue).getAllByRole('option')).toHaveLength(3));
    expect(within(queue).queryByRole('option', { name: 'Alleen e-mail' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Doorverbinden' }));
    expect(within(dialog).getByText('Kies een wachtrij.')).toBeInTheDocument();
    await user.selectOptions(queue, 'belastingen');
    await user.click(within(dialog).getByRole('button', { name: 'Doorverbinden' }));
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-1/transfer')).toHaveLength(1));
    expect(api.requestsTo('POST', '/api/contacts/c-1/transfer')[0]?.body).toEqual({
      toQueue: 'belastingen',
      note: '',
    });
    expect(api.requestsTo('PUT', '/api/contacts/c-1/draft')).toHaveLength(0);
  });

  it('shows the server refusal when the colleague cannot take it, and Escape closes the dialog', async () => {
    const user = userEvent.setup();
    await ready({
      routes: routes({
        'POST /api/contacts/c-1/transfer': {
          status: 409,
          body: {
            title: 'Conflict',
            status: 409,
            detail: 'Deze collega is nu niet beschikbaar of heeft geen ruimte voor dit kanaal.',
          },
        },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Doorverbinden' }));
    const dialog = await screen.findByTestId('transfer-dialog');
    const colleague = within(dialog).getByRole('combobox', { name: 'Collega' });
    await waitFor(() => expect(within(colleague).getAllByRole('option')).toHaveLength(3));
    await user.selectOptions(colleague, 'user-cor');
    await user.click(within(dialog).getByRole('button', { name: 'Doorverbinden' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('niet beschikbaar');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('transfer-dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Doorverbinden' })).toHaveFocus();
  });

  it('shows the receiver who handed over, the note, earlier notes and a colleague draft to adopt', async () => {
    const user = userEvent.setup();
    await ready({
      routes: routes({
        'GET /api/contacts/c-1/context': {
          status: 200,
          body: context({
            notes: [
              {
                id: 'n1',
                kind: 'consult',
                fromAgentId: 'user-cor',
                fromName: 'Cor de Wit',
                toAgentId: 'user-bram',
                text: 'Weet jij of dit bezwaar kan?',
                at: at(1),
              },
              {
                id: 'n2',
                kind: 'overdracht',
                fromAgentId: 'user-cor',
                fromName: 'Cor de Wit',
                toAgentId: 'u-anna',
                text: 'Bezwaar WOZ, partij is bekend',
                at: at(2),
              },
            ],
            drafts: [
              {
                agentId: 'user-cor',
                agentName: 'Cor de Wit',
                draft: {
                  onderwerp: 'Paspoort',
                  onderwerpId: '0b1f5d36-8a44-4c0e-9a52-6f1d2e3c4b03',
                  inhoud: 'Inwoner wil bezwaar maken',
                  pendingKey: 'x',
                },
                savedAt: at(2),
              },
            ],
          }),
        },
      }),
    });
    const banner = await screen.findByTestId('transfer-banner');
    expect(banner).toHaveTextContent('Overgedragen door Cor de Wit — Bezwaar WOZ, partij is bekend');
    expect(banner).toHaveTextContent('Vraag aan collega van Cor de Wit: Weet jij of dit bezwaar kan?');
    expect(banner).toHaveTextContent('Concept van Cor de Wit');
    await user.click(within(banner).getByRole('button', { name: 'Concept overnemen' }));
    // The onderwerp the colleague picked from the list stays picked.
    const onderwerp = screen.getByRole('combobox', { name: 'Onderwerp' });
    expect(onderwerp).toHaveValue('Paspoort');
    await waitFor(() => expect(onderwerp).toHaveAccessibleDescription('Uit de lijst: Paspoort.'));
    expect(screen.getByRole('textbox', { name: 'Vraag' })).toHaveValue('Inwoner wil bezwaar maken');
  });

  it('refetches the context when a colleague transfers a contact to me', async () => {
    const { socket, api } = await ready({ routes: routes() });
    await waitFor(() => expect(api.requestsTo('GET', '/api/contacts/c-1/context')).toHaveLength(1));
    act(() =>
      socket.serverEmit('contact:transferred', {
        contactId: 'c-1',
        contact: { id: 'c-1', channel: 'telefoon', queue: 'algemeen', from: {}, createdAt: at(0) },
        fromAgentId: 'user-cor',
        fromName: 'Cor de Wit',
        note: 'Graag overnemen',
        offerId: 'o-1',
      }),
    );
    await waitFor(() => expect(api.requestsTo('GET', '/api/contacts/c-1/context')).toHaveLength(2));
  });
});

describe('Overleggen met collega', () => {
  it('sends a question; the answer arrives as consult:replied', async () => {
    const user = userEvent.setup();
    const { api, socket } = await ready({
      routes: routes({
        'POST /api/contacts/c-1/consult': {
          status: 201,
          body: {
            consultId: 'k-1',
            note: { id: 'k-1', kind: 'consult', fromAgentId: 'u-anna', text: 'Kan dit?', at: at(3) },
          },
        },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Overleggen met collega' }));
    const dialog = await screen.findByTestId('consult-dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Vraag versturen' }));
    expect(within(dialog).getByText('Kies een collega.')).toBeInTheDocument();
    expect(within(dialog).getByText('Typ uw vraag.')).toBeInTheDocument();
    const colleague = within(dialog).getByRole('combobox', { name: 'Collega' });
    await waitFor(() => expect(within(colleague).getAllByRole('option')).toHaveLength(3));
    await user.selectOptions(colleague, 'user-bram');
    await user.type(within(dialog).getByRole('textbox', { name: 'Vraag' }), 'Kan dit?');
    await user.click(within(dialog).getByRole('button', { name: 'Vraag versturen' }));
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-1/consult')).toHaveLength(1));
    expect(api.requestsTo('POST', '/api/contacts/c-1/consult')[0]?.body).toEqual({
      toAgentId: 'user-bram',
      text: 'Kan dit?',
    });
    expect(await screen.findByText(/Vraag verstuurd aan Bram Jansen/)).toBeInTheDocument();

    act(() =>
      socket.serverEmit('consult:replied', {
        consultId: 'k-1',
        contactId: 'c-1',
        fromAgentId: 'user-bram',
        fromName: 'Bram Jansen',
        text: 'Ja, via het bezwaarformulier.',
        at: at(4),
      }),
    );
    const reply = await screen.findByTestId('consult-reply');
    expect(reply).toHaveAttribute('data-consult-id', 'k-1');
    expect(reply).toHaveTextContent('Bram Jansen antwoordt');
    expect(reply).toHaveTextContent('Ja, via het bezwaarformulier.');
  });

  it('shows a received question and sends the answer', async () => {
    const user = userEvent.setup();
    const { api, socket } = await ready({
      routes: routes({
        'POST /api/consults/k-7/reply': {
          status: 201,
          body: { note: { id: 'r', kind: 'consult-antwoord', fromAgentId: 'u-anna', text: 'Ja', at: at(5) } },
        },
      }),
    });
    act(() =>
      socket.serverEmit('consult:received', {
        consultId: 'k-7',
        contactId: 'c-99',
        contact: {
          id: 'c-99',
          channel: 'chat',
          queue: 'algemeen',
          subject: 'Parkeren',
          from: {},
          createdAt: at(0),
        },
        fromAgentId: 'user-bram',
        fromName: 'Bram Jansen',
        text: 'Weet jij de tarieven voor parkeren?',
        at: at(5),
      }),
    );
    const item = await screen.findByTestId('consult-item');
    expect(item).toHaveAttribute('data-consult-id', 'k-7');
    expect(item).toHaveTextContent('Bram Jansen vraagt');
    expect(item).toHaveTextContent('Chat · Parkeren');
    await user.click(within(item).getByRole('button', { name: 'Antwoord versturen' }));
    expect(within(item).getByText('Typ eerst een antwoord.')).toBeInTheDocument();
    await user.type(within(item).getByRole('textbox', { name: 'Antwoord' }), 'Ja');
    await user.click(within(item).getByRole('button', { name: 'Antwoord versturen' }));
    await waitFor(() => expect(api.requestsTo('POST', '/api/consults/k-7/reply')).toHaveLength(1));
    expect(api.requestsTo('POST', '/api/consults/k-7/reply')[0]?.body).toEqual({ text: 'Ja' });
    expect(await within(item).findByText('Uw antwoord: Ja')).toBeInTheDocument();
  });
});

describe('Terugbelverzoek', () => {
  it('makes a callback request with the number prefilled and a preferred window', async () => {
    const user = userEvent.setup();
    const created: CallbackView = {
      contactId: 'c-cb',
      telefoonnummer: '+31612345678',
      telLink: 'tel:+31612345678',
      voorkeurVan: '2026-03-03T09:00:00.000Z',
      poging: 1,
      maxPogingen: 3,
    };
    const { api } = await ready({
      routes: routes({
        'POST /api/contacts/c-1/terugbelverzoek': {
          status: 201,
          body: { contactId: 'c-cb', terugbelverzoek: created },
        },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Terugbelverzoek maken' }));
    const dialog = await screen.findByTestId('callback-dialog');
    const number = within(dialog).getByLabelText(/Telefoonnummer/);
    expect(number).toHaveValue('+31612345678');
    await user.clear(number);
    await user.type(number, 'bel mij');
    const van = within(dialog).getByLabelText('Bellen vanaf');
    const tot = within(dialog).getByLabelText('Bellen tot');
    await user.clear(van);
    await user.type(van, '2026-03-03T10:00');
    await user.type(tot, '2026-03-03T09:00');
    await user.click(within(dialog).getByRole('button', { name: 'Terugbelverzoek opslaan' }));
    expect(within(dialog).getByText(/Vul een geldig telefoonnummer in/)).toBeInTheDocument();
    expect(within(dialog).getByText(/"Bellen tot" moet na "Bellen vanaf" liggen/)).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/contacts/c-1/terugbelverzoek')).toHaveLength(0);

    await user.clear(number);
    await user.type(number, '06 12345678');
    await user.clear(tot);
    await user.type(tot, '2026-03-03T12:00');
    await user.type(within(dialog).getByRole('textbox', { name: 'Notitie' }), 'Na 10 uur');
    await user.click(within(dialog).getByRole('button', { name: 'Terugbelverzoek opslaan' }));
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-1/terugbelverzoek')).toHaveLength(1));
    expect(api.requestsTo('POST', '/api/contacts/c-1/terugbelverzoek')[0]?.body).toEqual({
      telefoonnummer: '06 12345678',
      voorkeurVan: new Date('2026-03-03T10:00').toISOString(),
      voorkeurTot: new Date('2026-03-03T12:00').toISOString(),
      notitie: 'Na 10 uur',
    });
    expect(await screen.findByText(/Terugbelverzoek opgeslagen: \+31612345678/)).toBeInTheDocument();
  });

  it('shows a due callback with a tel: link and registers "Niet bereikt" with the next attempt', async () => {
    const user = userEvent.setup();
    const callback = contact({ id: 'c-cb', channel: 'terugbelverzoek', from: { phone: '+31612345678' } });
    const view: CallbackView = {
      contactId: 'c-cb',
      telefoonnummer: '+31 6 12345678',
      telLink: 'tel:+31612345678',
      voorkeurVan: at(0),
      voorkeurTot: at(30),
      notitie: 'Vraag over aanslag',
      poging: 1,
      maxPogingen: 3,
    };
    const { api } = await ready({
      routes: routes({
        'GET /api/me/contacts': { status: 200, body: { items: [callback] } },
        'GET /api/contacts/c-cb/klantbeeld': { status: 200, body: klantbeeldUnknown() },
        'GET /api/contacts/c-cb/context': {
          status: 200,
          body: context({ contactId: 'c-cb', channel: 'terugbelverzoek' }),
        },
        'GET /api/contacts/c-cb/terugbelverzoek': { status: 200, body: view },
        'POST /api/contacts/c-cb/terugbelverzoek/uitkomst': {
          status: 200,
          body: {
            uitkomst: 'niet-bereikt',
            poging: 1,
            maxPogingen: 3,
            volgende: { contactId: 'c-cb2', voorkeurVan: at(50) },
          },
        },
      }),
    });
    const details = await screen.findByTestId('callback-details');
    expect(within(details).getByTestId('tel-link')).toHaveAttribute('href', 'tel:+31612345678');
    expect(within(details).getByTestId('tel-link')).toHaveTextContent('Bel +31 6 12345678');
    expect(details).toHaveTextContent('Vraag over aanslag');
    expect(details).toHaveTextContent('1 van 3');
    await user.click(within(details).getByRole('button', { name: 'Niet bereikt' }));
    await waitFor(() =>
      expect(api.requestsTo('POST', '/api/contacts/c-cb/terugbelverzoek/uitkomst')[0]?.body).toEqual({
        uitkomst: 'niet-bereikt',
      }),
    );
    expect(
      await within(details).findByText(/Niet bereikt \(poging 1 van 3\)\. Nieuwe poging vanaf/),
    ).toBeInTheDocument();
    expect(within(details).queryByRole('button', { name: 'Gelukt' })).toBeNull();
  });
});
