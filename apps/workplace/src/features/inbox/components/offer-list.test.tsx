import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { contact, offerEvent } from '../../../testing/fixtures';
import { renderApp } from '../../../testing/render-app';

async function readyApp(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp(options);
  await waitFor(() => expect(rendered.container.querySelector('[data-app-state="ready"]')).not.toBeNull());
  return rendered;
}

describe('universal inbox', () => {
  it('shows an offer as soon as the socket pushes it, without a refetch', async () => {
    // Only the date is frozen (timers run as usual), so the countdown reads the same on a slow machine.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const { socket, api } = await readyApp();
    const offersFetches = api.requestsTo('GET', '/api/me/offers').length;

    act(() => socket.serverEmit('contact:offered', offerEvent()));

    // The pushed event itself fills the list (how fast is the offer benchmark's business, not this test's).
    const card = await screen.findByTestId('offer-card');
    expect(card).toHaveTextContent('Telefoon');
    expect(card).toHaveTextContent('Vraag over afvalpas');
    expect(card).toHaveTextContent('Jan Jansen');
    expect(within(card).getByTestId('offer-countdown')).toHaveTextContent('Nog 20 s');
    expect(api.requestsTo('GET', '/api/me/offers')).toHaveLength(offersFetches);
    expect(screen.getByTestId('offer-announcer')).toHaveTextContent(
      'Nieuw aanbod: Telefoon, Vraag over afvalpas',
    );
  });

  it('accepts with the button: offer:accept, the card goes and the contact opens', async () => {
    const user = userEvent.setup();
    const { socket } = await readyApp({ routes: { 'GET /api/contacts/c-1/klantbeeld': { status: 404 } } });
    socket.respond('offer:accept', () => ({ ok: true, data: { contact: contact() } }));
    act(() => socket.serverEmit('contact:offered', offerEvent()));
    await screen.findByTestId('offer-card');

    await user.click(screen.getByRole('button', { name: 'Accepteren' }));

    expect(socket.commandsOf('offer:accept')).toEqual([{ offerId: 'offer-1' }]);
    await waitFor(() => expect(screen.queryByTestId('offer-card')).toBeNull());
    expect(screen.getByTestId('active-contact')).toHaveAttribute('aria-current', 'true');
    expect(screen.getByTestId('contact-header')).toHaveTextContent('Jan Jansen');
    expect(screen.getByTestId('registration-form')).toBeInTheDocument();
  });

  it('declines with the button: offer:decline and the card goes', async () => {
    const user = userEvent.setup();
    const { socket } = await readyApp();
    act(() => socket.serverEmit('contact:offered', offerEvent()));
    await screen.findByTestId('offer-card');
    await user.click(screen.getByRole('button', { name: 'Weigeren' }));
    expect(socket.commandsOf('offer:decline')).toEqual([{ offerId: 'offer-1' }]);
    await waitFor(() => expect(screen.queryByTestId('offer-card')).toBeNull());
  });

  it('says so when the offer expired meanwhile and removes it', async () => {
    const user = userEvent.setup();
    const { socket } = await readyApp();
    socket.respond('offer:accept', () => ({ ok: false, error: 'expired' }));
    act(() => socket.serverEmit('contact:offered', offerEvent()));
    await screen.findByTestId('offer-card');
    await user.click(screen.getByRole('button', { name: 'Accepteren' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Dit aanbod is verlopen.');
    expect(screen.queryByTestId('offer-card')).toBeNull();
  });

  it('keeps the offer when the server did not answer in time', async () => {
    const user = userEvent.setup();
    const { socket } = await readyApp();
    socket.respond('offer:accept', () => ({ ok: false, error: 'timeout' }));
    act(() => socket.serverEmit('contact:offered', offerEvent()));
    await screen.findByTestId('offer-card');
    await user.click(screen.getByRole('button', { name: 'Accepteren' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('De server reageert niet');
    expect(screen.getByTestId('offer-card')).toBeInTheDocument();
  });

  it('removes the card on offer:revoked', async () => {
    const { socket } = await readyApp();
    act(() => socket.serverEmit('contact:offered', offerEvent()));
    await screen.findByTestId('offer-card');
    act(() =>
      socket.serverEmit('offer:revoked', { offerId: 'offer-1', contactId: 'c-1', reason: 'expired' }),
    );
    await waitFor(() => expect(screen.queryByTestId('offer-card')).toBeNull());
  });

  it('ignores an offer that does not match the contract and resyncs the offers instead', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { socket, api } = await readyApp();
    const before = api.requestsTo('GET', '/api/me/offers').length;
    act(() => socket.serverEmit('contact:offered', { offerId: 'x' } as never));
    await waitFor(() => expect(api.requestsTo('GET', '/api/me/offers')).toHaveLength(before + 1));
    expect(screen.queryByTestId('offer-card')).toBeNull();
    expect(warn).toHaveBeenCalledWith('Ignored invalid contact:offered payload', expect.anything());
  });

  it('accepts the first offer with Alt+A and declines with Alt+W', async () => {
    const user = userEvent.setup();
    const { socket } = await readyApp({ routes: { 'GET /api/contacts/c-1/klantbeeld': { status: 404 } } });
    socket.respond('offer:accept', () => ({ ok: true, data: { contact: contact() } }));
    act(() => {
      socket.serverEmit('contact:offered', offerEvent());
      socket.serverEmit(
        'contact:offered',
        offerEvent({ offerId: 'offer-2', expiresAt: new Date(Date.now() + 40_000).toISOString() }),
      );
    });
    await waitFor(() => expect(screen.getAllByTestId('offer-card')).toHaveLength(2));
    expect(screen.getAllByRole('button', { name: 'Accepteren' })[0]).toHaveAttribute(
      'title',
      'Accepteren (Alt+A)',
    );

    await user.keyboard('{Alt>}a{/Alt}');
    expect(socket.commandsOf('offer:accept')).toEqual([{ offerId: 'offer-1' }]);
    await waitFor(() => expect(screen.getAllByTestId('offer-card')).toHaveLength(1));

    await user.keyboard('{Alt>}w{/Alt}');
    expect(socket.commandsOf('offer:decline')).toEqual([{ offerId: 'offer-2' }]);
  });

  it('switches between active contacts with Alt+1..9, each keeping its own draft', async () => {
    const user = userEvent.setup();
    await readyApp({
      routes: {
        'GET /api/me/contacts': {
          status: 200,
          body: {
            items: [
              contact(),
              contact({ id: 'c-2', channel: 'chat', from: { name: 'Piet Pieters' }, subject: 'Paspoort' }),
            ],
          },
        },
        'GET /api/contacts/c-1/klantbeeld': { status: 404 },
        'GET /api/contacts/c-2/klantbeeld': { status: 404 },
      },
    });
    expect(await screen.findAllByTestId('active-contact')).toHaveLength(2);
    await user.type(screen.getByRole('combobox', { name: 'Onderwerp' }), 'Afvalpas kwijt');

    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByTestId('contact-header')).toHaveTextContent('Piet Pieters');
    expect(screen.getByRole('combobox', { name: 'Onderwerp' })).toHaveValue('');
    expect(screen.getByRole('combobox', { name: 'Kanaal' })).toHaveValue('chat');

    await user.keyboard('{Alt>}1{/Alt}');
    expect(screen.getByTestId('contact-header')).toHaveTextContent('Jan Jansen');
    expect(screen.getByRole('combobox', { name: 'Onderwerp' })).toHaveValue('Afvalpas kwijt');
  });

  it('drops a contact from Mijn contacten once the server closes it', async () => {
    const { socket } = await readyApp({
      routes: {
        'GET /api/me/contacts': { status: 200, body: { items: [contact()] } },
        'GET /api/contacts/c-1/klantbeeld': { status: 404 },
      },
    });
    expect(await screen.findByTestId('active-contact')).toBeInTheDocument();
    act(() => socket.serverEmit('contact:updated', { contact: contact({ status: 'closed' }) }));
    await waitFor(() => expect(screen.queryByTestId('active-contact')).toBeNull());
  });
});
