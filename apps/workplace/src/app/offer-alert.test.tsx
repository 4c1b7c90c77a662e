import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { offerEvent } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

interface Shown {
  title: string;
  body: string;
  tag: string;
}

/** Browser APIs jsdom lacks, as recorders: Web Audio oscillators and the Notification constructor. */
function installBrowserRecorders(permission: NotificationPermission) {
  const tones: number[] = [];
  const shown: Shown[] = [];
  const requests = vi.fn(() => Promise.resolve<NotificationPermission>('granted'));
  class FakeAudioContext {
    currentTime = 0;
    destination = {};
    resume = () => Promise.resolve();
    createOscillator() {
      return {
        type: 'sine',
        frequency: { value: 0 },
        connect: (node: unknown) => node,
        start: () => tones.push(1),
        stop: () => {},
      };
    }
    createGain() {
      const gain = { setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} };
      return { gain, connect: (node: unknown) => node };
    }
  }
  class FakeNotification {
    static permission = permission;
    static requestPermission = requests;
    onclick: (() => void) | null = null;
    constructor(title: string, options: NotificationOptions = {}) {
      shown.push({ title, body: options.body ?? '', tag: options.tag ?? '' });
    }
    close() {}
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal('Notification', FakeNotification);
  vi.spyOn(document, 'hasFocus').mockReturnValue(false);
  return { tones, shown, requests };
}

async function readyApp() {
  const rendered = renderApp();
  await waitFor(() => expect(rendered.container.querySelector('[data-app-state="ready"]')).not.toBeNull());
  return rendered;
}

describe('offer alert', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('rings once for offers that arrive together, counts them in the title and keeps one notification', async () => {
    const { tones, shown } = installBrowserRecorders('granted');
    const { socket } = await readyApp();
    expect(document.title).toBe('KCC Werkplek');

    act(() => socket.serverEmit('contact:offered', offerEvent()));
    await screen.findByTestId('offer-card');
    expect(document.title).toBe('(1) Nieuw contact · KCC Werkplek');
    expect(tones).toHaveLength(2);
    expect(shown).toEqual([
      {
        title: 'Nieuw contact: Telefoon',
        body: 'Telefoon: Vraag over afvalpas · Jan Jansen',
        tag: 'kcc-aanbod',
      },
    ]);

    act(() =>
      socket.serverEmit(
        'contact:offered',
        offerEvent({
          offerId: 'offer-2',
          contact: { ...offerEvent().contact, id: 'c-2', subject: 'Paspoort' },
        }),
      ),
    );
    await waitFor(() => expect(screen.getAllByTestId('offer-card')).toHaveLength(2));
    expect(document.title).toBe('(2) Nieuwe contacten · KCC Werkplek');
    expect(tones).toHaveLength(2);
    expect(shown.at(-1)).toMatchObject({ title: '2 nieuwe contacten', tag: 'kcc-aanbod' });

    act(() => socket.serverEmit('offer:revoked', { offerId: 'offer-1', contactId: 'c-1', reason: 'taken' }));
    act(() => socket.serverEmit('offer:revoked', { offerId: 'offer-2', contactId: 'c-2', reason: 'taken' }));
    await waitFor(() => expect(screen.queryByTestId('offer-card')).toBeNull());
    expect(document.title).toBe('KCC Werkplek');
  });

  it('plays no sound when the agent chose "Geen geluid"', async () => {
    const user = userEvent.setup();
    const { tones } = installBrowserRecorders('granted');
    const { socket } = await readyApp();
    await user.click(screen.getByRole('button', { name: 'Meldingen' }));
    const dialog = screen.getByRole('dialog', { name: 'Meldingen bij nieuw aanbod' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Geluid' }), 'Geen geluid');
    await user.click(within(dialog).getByRole('button', { name: 'Sluiten' }));

    act(() => socket.serverEmit('contact:offered', offerEvent()));
    await screen.findByTestId('offer-card');
    expect(tones).toHaveLength(0);
    expect(JSON.parse(localStorage.getItem('kcc-offer-alert') ?? '{}')).toMatchObject({
      state: { sound: 'uit' },
    });
  });

  it('explains before the browser asks for permission, and asks only once', async () => {
    const user = userEvent.setup();
    const { requests } = installBrowserRecorders('default');
    await readyApp();
    const prompt = screen.getByTestId('notification-prompt');
    expect(prompt).toHaveTextContent('ook als dit venster niet voorop staat');
    expect(requests).not.toHaveBeenCalled();
    await user.click(within(prompt).getByRole('button', { name: 'Niet nu' }));
    expect(screen.queryByTestId('notification-prompt')).toBeNull();
    expect(requests).not.toHaveBeenCalled();
  });
});

describe('presence changed by the system', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says why the agent is Niet reagerend and makes them available with Alt+D', async () => {
    const user = userEvent.setup();
    const { socket } = await readyApp();
    socket.respond('presence:set', () => ({
      ok: true,
      data: { presence: 'beschikbaar', since: new Date().toISOString() },
    }));
    act(() =>
      socket.serverEmit('presence:changed', { presence: 'niet-reagerend', since: new Date().toISOString() }),
    );
    const notice = await screen.findByTestId('presence-change-notice');
    expect(notice).toHaveTextContent('U heeft een aanbod niet op tijd aangenomen of geweigerd.');

    await user.keyboard('{Alt>}d{/Alt}');
    expect(socket.commandsOf('presence:set')).toEqual([{ status: 'beschikbaar' }]);
    await waitFor(() => expect(screen.queryByTestId('presence-change-notice')).toBeNull());
  });

  it('says so when the server put the agent offline, not when the agent chose it', async () => {
    const user = userEvent.setup();
    const { socket } = await readyApp();
    act(() => socket.serverEmit('presence:changed', { presence: 'pauze', since: new Date().toISOString() }));
    await waitFor(() => expect(screen.getByTestId('status-select')).toHaveValue('pauze'));
    act(() =>
      socket.serverEmit('presence:changed', { presence: 'offline', since: new Date().toISOString() }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('presence-change-notice')).toHaveTextContent(
        'niet meer op Pauze maar op Offline',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Melding sluiten' }));
    expect(screen.queryByTestId('presence-change-notice')).toBeNull();

    socket.respond('presence:set', () => ({
      ok: true,
      data: { presence: 'pauze', since: new Date().toISOString() },
    }));
    await user.selectOptions(screen.getByTestId('status-select'), 'pauze');
    await waitFor(() => expect(screen.getByTestId('status-select')).toHaveValue('pauze'));
    process.stdout.write(`SELECT ${(screen.getByTestId('status-select') as HTMLSelectElement).value}\n`);
    expect(screen.queryByTestId('presence-change-notice')).toBeNull();
  });
});
