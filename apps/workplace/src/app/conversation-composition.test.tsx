import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactContextResponse, MessageView } from '@kcc/contracts/channels';
import { conversationActions } from '../features/conversation/stores/conversation-store';
import { contact } from '../testing/fixtures';
import { renderApp, type RenderRoutes } from '../testing/render-app';

const chat = contact({
  id: 'c-chat',
  channel: 'chat',
  subject: 'Afval',
  from: { name: 'Jan Jansen' },
});
const mail = contact({
  id: 'c-mail',
  channel: 'email',
  subject: 'Vraag over WOZ',
  from: { name: 'Els de Boer', email: 'els@example.nl' },
});
const phone = contact({ id: 'c-tel', channel: 'telefoon', from: { phone: '+31 6 12345678' } });

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();
const inMsg = (id: string, body: string, minutes = 0): MessageView => ({
  id,
  direction: 'in',
  body,
  at: at(minutes),
});

const context = (contactId: string, extra: Partial<ContactContextResponse> = {}): ContactContextResponse => ({
  contactId,
  channel: 'chat',
  messages: [],
  notes: [],
  drafts: [],
  events: [],
  ...extra,
});

const quickReplies = {
  items: [
    {
      id: 'q1',
      code: 'welkom',
      title: 'Welkom',
      body: 'Goedendag, waarmee kan ik u helpen?',
      updatedAt: at(0),
    },
    {
      id: 'q2',
      code: 'openingstijden',
      title: 'Openingstijden',
      body: 'Wij zijn open van 08:30 tot 17:00 uur.',
      updatedAt: at(0),
    },
  ],
};

function routes(contacts = [chat, mail], extra: RenderRoutes = {}): RenderRoutes {
  return {
    'GET /api/me/contacts': { status: 200, body: { items: contacts } },
    'GET /api/quick-replies': { status: 200, body: quickReplies },
    'GET /api/contacts/c-chat/messages': {
      status: 200,
      body: { items: [inMsg('m1', 'Hoi, wanneer wordt het afval opgehaald?')] },
    },
    'GET /api/contacts/c-chat/context': { status: 200, body: context('c-chat') },
    'GET /api/contacts/c-mail/messages': {
      status: 200,
      body: {
        items: [
          {
            ...inMsg('e1', 'Beste gemeente, zie de bijlage.'),
            from: 'els@example.nl',
            html: '<p>Beste gemeente</p><script>alert(1)</script>',
            attachments: [
              {
                id: 'a1',
                filename: 'aanslag.pdf',
                contentType: 'application/pdf',
                size: 2048,
                url: '/api/contacts/c-mail/attachments/a1',
              },
            ],
          },
        ],
      },
    },
    'GET /api/contacts/c-mail/context': { status: 200, body: context('c-mail', { channel: 'email' }) },
    'POST /api/contacts/c-chat/messages': (request) => ({
      status: 201,
      body: {
        message: {
          id: `out-${String((request.body as { body: string }).body.length)}`,
          direction: 'uit',
          body: (request.body as { body: string }).body,
          at: new Date().toISOString(),
          agentName: 'Anna de Vries',
        },
      },
    }),
    ...extra,
  };
}

async function ready(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp(options);
  await waitFor(() => expect(rendered.container.querySelector('[data-app-state="ready"]')).not.toBeNull());
  return rendered;
}

const composer = (name = 'Bericht') => screen.getByRole('textbox', { name });

beforeEach(() => conversationActions.sessionEnded());
afterEach(() => vi.restoreAllMocks());

describe('conversation pane: chat', () => {
  it('shows the transcript and sends with Enter; Shift+Enter is a new line', async () => {
    const user = userEvent.setup();
    const { api } = await ready({ routes: routes() });
    const pane = await screen.findByTestId('conversation');
    expect(pane).toHaveAttribute('data-channel', 'chat');
    expect(await within(pane).findByText('Hoi, wanneer wordt het afval opgehaald?')).toBeInTheDocument();
    expect(within(pane).getAllByTestId('message')[0]).toHaveAttribute('data-direction', 'in');

    await user.type(composer(), 'Op dinsdag.{Shift>}{Enter}{/Shift}Groet');
    expect(api.requestsTo('POST', '/api/contacts/c-chat/messages')).toHaveLength(0);
    expect(composer()).toHaveValue('Op dinsdag.\nGroet');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-chat/messages')).toHaveLength(1));
    expect(api.requestsTo('POST', '/api/contacts/c-chat/messages')[0]?.body).toEqual({
      body: 'Op dinsdag.\nGroet',
    });
    await waitFor(() => expect(within(pane).getAllByTestId('message')).toHaveLength(2));
    expect(within(pane).getAllByTestId('message')[1]).toHaveAttribute('data-direction', 'uit');
    expect(composer()).toHaveValue('');
  });

  it('refuses an empty message without a request and shows the server refusal', async () => {
    const user = userEvent.setup();
    const { api } = await ready({
      routes: routes([chat], {
        'POST /api/contacts/c-chat/messages': {
          status: 409,
          body: { title: 'Conflict', status: 409, detail: 'De chat is al beëindigd.' },
        },
      }),
    });
    await screen.findByTestId('conversation');
    await user.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(screen.getByText('Typ eerst een bericht.')).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/contacts/c-chat/messages')).toHaveLength(0);
    await user.type(composer(), 'Hallo{Enter}');
    expect(await screen.findByText(/De chat is al beëindigd/)).toBeInTheDocument();
    expect(composer()).toHaveValue('Hallo');
  });

  it('sends chat:typing throttled: one true while typing, false after sending', async () => {
    const user = userEvent.setup();
    const { socket } = await ready({ routes: routes([chat]) });
    await screen.findByTestId('conversation');
    await user.type(composer(), 'Een moment alstublieft');
    expect(socket.commandsOf('chat:typing')).toEqual([{ contactId: 'c-chat', typing: true }]);
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(socket.commandsOf('chat:typing')).toEqual([
        { contactId: 'c-chat', typing: true },
        { contactId: 'c-chat', typing: false },
      ]),
    );
  });

  it('inserts a quick reply with /: a filtered listbox, arrow keys and Enter', async () => {
    const user = userEvent.setup();
    const { api } = await ready({ routes: routes([chat]) });
    await screen.findByTestId('conversation');
    await user.type(composer(), 'Dag! /');
    const listbox = await screen.findByRole('listbox', { name: 'Snelle antwoorden' });
    expect(within(listbox).getAllByRole('option')).toHaveLength(2);
    expect(within(listbox).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await user.type(composer(), 'op');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.dataset.code),
    ).toEqual(['openingstijden']);
    await user.keyboard('{Backspace}{Backspace}{ArrowDown}');
    expect(within(listbox).getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    expect(composer()).toHaveAttribute(
      'aria-activedescendant',
      within(listbox).getAllByRole('option')[1]?.id,
    );
    await user.keyboard('{Enter}');
    expect(composer()).toHaveValue('Dag! Wij zijn open van 08:30 tot 17:00 uur.');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(api.requestsTo('POST', '/api/contacts/c-chat/messages')).toHaveLength(0);

    await user.type(composer(), ' /zzz');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.type(composer(), '{Backspace}{Backspace}{Backspace}');
    expect(await screen.findByRole('listbox')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('shows the resident typing and the end of the chat; "Chat beëindigen" ends it', async () => {
    const user = userEvent.setup();
    const { socket, api } = await ready({
      routes: routes([chat], {
        'POST /api/contacts/c-chat/chat/end': { status: 200, body: { ended: true } },
      }),
    });
    await screen.findByTestId('conversation');
    act(() => socket.serverEmit('chat:typing', { contactId: 'c-chat', typing: true }));
    expect(screen.getByTestId('typing-indicator')).toHaveTextContent('Jan Jansen typt…');
    act(() => socket.serverEmit('chat:typing', { contactId: 'c-chat', typing: false }));
    expect(screen.getByTestId('typing-indicator')).toHaveTextContent('');

    await user.click(screen.getByRole('button', { name: 'Chat beëindigen' }));
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-chat/chat/end')).toHaveLength(1));
    expect(await screen.findByTestId('chat-ended')).toHaveTextContent(
      'De chat is beëindigd — registreer het contact.',
    );
    expect(screen.getByTestId('conversation')).toHaveAttribute('data-chat-ended', 'true');
    expect(composer()).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Chat beëindigen' })).toBeNull();
  });

  it('shows chat:ended by the resident', async () => {
    const { socket } = await ready({ routes: routes([chat]) });
    await screen.findByTestId('conversation');
    act(() => socket.serverEmit('chat:ended', { contactId: 'c-chat', by: 'inwoner' }));
    expect(screen.getByTestId('chat-ended')).toHaveTextContent('beëindigd door de inwoner');
  });

  it('keeps a draft per chat and marks unread messages on the contact that is not open', async () => {
    const user = userEvent.setup();
    const second = contact({ id: 'c-chat2', channel: 'chat', from: { name: 'Piet Pieters' } });
    const { socket } = await ready({
      routes: routes([chat, second], {
        'GET /api/contacts/c-chat2/messages': { status: 200, body: { items: [inMsg('p1', 'Hallo?')] } },
        'GET /api/contacts/c-chat2/context': { status: 200, body: context('c-chat2') },
      }),
    });
    await screen.findByText('Hoi, wanneer wordt het afval opgehaald?');
    await user.type(composer(), 'Half getypt');

    act(() =>
      socket.serverEmit('contact:message-added', {
        contactId: 'c-chat2',
        message: inMsg('p2', 'Nog iemand?', 5),
      }),
    );
    const items = screen.getAllByTestId('active-contact');
    expect(within(items[1]!).getByTestId('unread-count')).toHaveTextContent('1 nieuw');
    // A message for the open chat is not unread.
    act(() =>
      socket.serverEmit('contact:message-added', {
        contactId: 'c-chat',
        message: inMsg('m2', 'En papier?', 6),
      }),
    );
    expect(await screen.findByText('En papier?')).toBeInTheDocument();
    expect(within(items[0]!).queryByTestId('unread-count')).toBeNull();

    await user.click(items[1]!);
    expect(await screen.findByText('Hallo?')).toBeInTheDocument();
    expect(composer()).toHaveValue('');
    await waitFor(() => expect(screen.queryByTestId('unread-count')).toBeNull());
    await user.click(screen.getAllByTestId('active-contact')[0]!);
    await waitFor(() => expect(composer()).toHaveValue('Half getypt'));
  });
});

describe('conversation pane: e-mail', () => {
  it('sends with Ctrl+Enter (Enter is a new line), says the template is applied, and upserts delivery by id', async () => {
    const user = userEvent.setup();
    const { api, socket } = await ready({
      routes: routes([mail], {
        'POST /api/contacts/c-mail/messages': {
          status: 201,
          body: {
            message: {
              id: 'r1',
              direction: 'uit',
              body: 'Zie hieronder.',
              at: at(10),
              delivery: 'pending',
              agentName: 'Anna de Vries',
            },
          },
        },
      }),
    });
    const pane = await screen.findByTestId('conversation');
    expect(pane).toHaveAttribute('data-channel', 'email');
    expect(within(pane).getByRole('heading', { name: 'E-mail: Vraag over WOZ' })).toBeInTheDocument();
    expect(screen.getByTestId('reply-template-note')).toHaveTextContent('Aanhef, afsluiting en handtekening');
    // The HTML part is never injected.
    expect(pane.querySelector('script')).toBeNull();

    await user.type(composer('Antwoord'), 'Zie hieronder.{Enter}');
    expect(api.requestsTo('POST', '/api/contacts/c-mail/messages')).toHaveLength(0);
    await user.keyboard('{Backspace}{Control>}{Enter}{/Control}');
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-mail/messages')).toHaveLength(1));
    const reply = await within(pane).findByText('Zie hieronder.');
    expect(reply.closest('[data-testid="message"]')).toHaveAttribute('data-delivery', 'pending');
    expect(within(pane).getByText('Wordt verstuurd')).toBeInTheDocument();

    act(() =>
      socket.serverEmit('contact:message-added', {
        contactId: 'c-mail',
        message: {
          id: 'r1',
          direction: 'uit',
          body: 'Zie hieronder.',
          at: at(10),
          delivery: 'sent',
          agentName: 'Anna de Vries',
        },
      }),
    );
    await waitFor(() => expect(within(pane).getAllByTestId('message')).toHaveLength(2));
    expect(within(pane).getAllByTestId('message')[1]).toHaveAttribute('data-delivery', 'sent');
    // A delivery update is not a new incoming message.
    expect(screen.queryByTestId('unread-count')).toBeNull();
  });

  it('downloads an attachment with the Bearer token as a Blob', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => 'blob:kcc/1');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { api } = await ready({
      routes: routes([mail], {
        'GET /api/contacts/c-mail/attachments/a1': { status: 200, body: 'pdf-bytes' },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Download aanslag.pdf' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const request = api.requestsTo('GET', '/api/contacts/c-mail/attachments/a1')[0];
    expect(request?.headers.authorization).toBe('Bearer test-token');
    // Node's Blob (from fetch) is not jsdom's Blob class: check the shape.
    const blob = (createObjectURL.mock.calls[0] as unknown[] | undefined)?.[0] as
      { size: number } | undefined;
    expect(blob?.size).toBeGreaterThan(0);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('aanslag.pdf');
  });

  it('shows a clear error when the attachment is gone', async () => {
    const user = userEvent.setup();
    await ready({
      routes: routes([mail], {
        'GET /api/contacts/c-mail/attachments/a1': {
          status: 404,
          body: { title: 'Niet gevonden', status: 404 },
        },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Download aanslag.pdf' }));
    expect(await screen.findByText('Deze bijlage bestaat niet meer.')).toBeInTheDocument();
  });
});

describe('telephony', () => {
  it('shows call:ended with a tel: link and no conversation pane', async () => {
    const { socket } = await ready({ routes: routes([phone]) });
    await screen.findByTestId('contact-header');
    expect(screen.queryByTestId('conversation')).toBeNull();
    act(() => socket.serverEmit('call:ended', { contactId: 'c-tel', callId: 'call-1' }));
    const notice = screen.getByTestId('call-ended');
    expect(notice).toHaveTextContent('Gesprek beëindigd — registreer het contact.');
    expect(within(notice).getByRole('link', { name: '+31 6 12345678' })).toHaveAttribute(
      'href',
      'tel:+31612345678',
    );
  });
});

describe('kennisbank "Gebruik in antwoord"', () => {
  it('textInserted (what onUse calls for chat contacts) appends the article text to the open composer once', async () => {
    await ready({ routes: routes([chat]) });
    await screen.findByTestId('conversation');
    act(() => conversationActions.composerEdited('c-chat', 'Goedendag,'));
    act(() => conversationActions.textInserted('c-chat', 'U kunt een paspoort aanvragen.'));
    act(() => conversationActions.textInserted('c-chat', 'U kunt een paspoort aanvragen.'));
    expect(composer()).toHaveValue('Goedendag,\n\nU kunt een paspoort aanvragen.');
  });
});
