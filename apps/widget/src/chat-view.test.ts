import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, SERVER_EVENTS } from './protocol';
import { FakeTransport, flush, memoryStorage } from './testing/fake-transport';
import { TEXTS } from './texts';
import { HOST_ID, mountWidget, type MountedWidget } from './widget';

const CONFIG = { serverUrl: 'https://kcc.voorbeeldstad.nl', queue: 'chat', title: 'Chat met Voorbeeldstad' };
const STARTED = { ok: true, data: { conversationId: 'conv-1', resumeToken: 'token-abcdefghij' } } as const;
const AVAILABLE = { ok: true, data: { available: true, open: true, openingHours: 'altijd' } } as const;

let mounted: MountedWidget[] = [];

function mount(options: { transport?: FakeTransport; storage?: Storage } = {}) {
  const transport = options.transport ?? new FakeTransport().reply(CLIENT_EVENTS.availability, AVAILABLE);
  const storage = options.storage ?? memoryStorage();
  const widget = mountWidget(document, CONFIG, {
    transport,
    storage,
    pageUrl: 'https://www.voorbeeldstad.nl/',
  });
  mounted.push(widget);
  const root = widget.host.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  return { widget, transport, storage, root, $ };
}

function key(target: Element, keyName: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', {
    key: keyName,
    bubbles: true,
    cancelable: true,
    composed: true,
    ...init,
  });
  target.dispatchEvent(event);
  return event;
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function submit(form: HTMLFormElement) {
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

async function chatting() {
  const ctx = mount();
  ctx.transport.reply(CLIENT_EVENTS.start, STARTED);
  ctx.$<HTMLButtonElement>('.launcher').click();
  await flush();
  type(ctx.$<HTMLInputElement>('input[name="name"]'), 'Jan');
  type(ctx.$<HTMLInputElement>('input[name="email"]'), 'jan@example.nl');
  submit(ctx.$<HTMLFormElement>('[data-testid="kcc-start-form"]'));
  await flush();
  return ctx;
}

afterEach(() => {
  for (const widget of mounted) widget.destroy();
  mounted = [];
});

describe('ChatView: isolation and semantics', () => {
  it('renders into an open shadow root and adds nothing else to the host page', () => {
    const headBefore = document.head.innerHTML;
    const { widget, root } = mount();
    expect(widget.host.id).toBe(HOST_ID);
    expect(root.mode).toBe('open');
    // Styles live only in the shadow root, as a constructed stylesheet (no inline <style>, so a strict CSP is fine).
    const rules = root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
    expect(rules.some((rule) => rule.startsWith(':host'))).toBe(true);
    expect(rules.length).toBeGreaterThan(50);
    expect(document.head.innerHTML).toBe(headBefore);
    expect(document.body.querySelectorAll('style, link')).toHaveLength(0);
    expect(document.getElementById('kcc-panel')).toBeNull();
  });

  it('has a labelled launcher and a labelled modal dialog', () => {
    const { $ } = mount();
    const launcher = $<HTMLButtonElement>('.launcher');
    expect(launcher.tagName).toBe('BUTTON');
    expect(launcher.getAttribute('aria-label')).toBe(TEXTS.launcherOpen);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.getAttribute('aria-controls')).toBe('kcc-panel');
    const panel = $('#kcc-panel');
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-modal')).toBe('true');
    expect($(`#${panel.getAttribute('aria-labelledby')}`).textContent).toBe('Chat met Voorbeeldstad');
    expect(panel.hidden).toBe(true);
  });

  it('every form control has a label', () => {
    const { root } = mount();
    for (const control of root.querySelectorAll(
      'input:not([type="radio"]):not([type="checkbox"]), textarea',
    )) {
      expect(root.querySelector(`label[for="${control.id}"]`), control.outerHTML).not.toBeNull();
    }
  });
});

describe('ChatView: keyboard', () => {
  it('opens on the launcher, focuses the first field ("Zoek uw vraag"), and Escape returns focus to the launcher', async () => {
    const { $, root, widget } = mount();
    const launcher = $<HTMLButtonElement>('.launcher');
    launcher.focus();
    launcher.click();
    await flush();
    expect(widget.isOpen()).toBe(true);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(root.activeElement).toBe($('input[type="search"]'));
    key(root.activeElement!, 'Escape');
    expect(widget.isOpen()).toBe(false);
    expect($('#kcc-panel').hidden).toBe(true);
    expect(root.activeElement).toBe(launcher);
  });

  it('traps Tab and Shift+Tab inside the dialog', async () => {
    const { $, root } = mount();
    $<HTMLButtonElement>('.launcher').click();
    await flush();
    const close = $<HTMLButtonElement>('.close');
    const last = $<HTMLButtonElement>('.link');
    last.focus();
    expect(key(last, 'Tab').defaultPrevented).toBe(true);
    expect(root.activeElement).toBe(close);
    expect(key(close, 'Tab', { shiftKey: true }).defaultPrevented).toBe(true);
    expect(root.activeElement).toBe(last);
    // In the middle, Tab is left to the browser.
    const name = $<HTMLInputElement>('input[name="name"]');
    name.focus();
    expect(key(name, 'Tab').defaultPrevented).toBe(false);
  });

  it('the close button closes the dialog', async () => {
    const { $, widget } = mount();
    $<HTMLButtonElement>('.launcher').click();
    $<HTMLButtonElement>('.close').click();
    expect(widget.isOpen()).toBe(false);
  });
});

describe('ChatView: the resident’s chat', () => {
  it('starts a chat and shows the queue position in plain Dutch', async () => {
    const { $, root, transport } = await chatting();
    expect(transport.sent(CLIENT_EVENTS.start)).toEqual([
      { name: 'Jan', email: 'jan@example.nl', pageUrl: 'https://www.voorbeeldstad.nl/', queue: 'chat' },
    ]);
    expect($('[data-section="conversation"]').hidden).toBe(false);
    expect(root.activeElement).toBe($('[data-testid="kcc-composer"]'));
    transport.push(SERVER_EVENTS.queue, { position: 2, expectedWaitSeconds: 60 });
    expect($('[data-testid="kcc-notice"]').textContent).toBe(
      'U bent nummer 2 in de wachtrij. Verwachte wachttijd: ongeveer 1 minuut.',
    );
    expect($('[data-testid="kcc-notice"]').getAttribute('role')).toBe('status');
  });

  it('sends with Enter, shows both sides in a polite log, and the typing indicator', async () => {
    const { $, transport } = await chatting();
    const composer = $<HTMLTextAreaElement>('[data-testid="kcc-composer"]');
    type(composer, 'Wanneer komt het grofvuil?');
    key(composer, 'Enter');
    await flush();
    expect(composer.value).toBe('');
    expect(transport.sent(CLIENT_EVENTS.message)).toEqual([{ text: 'Wanneer komt het grofvuil?' }]);
    transport.push(SERVER_EVENTS.typing, { typing: true });
    transport.push(SERVER_EVENTS.accepted, { name: 'Anna' });
    expect($('[data-testid="kcc-typing"]').textContent).toBe('Anna typt…');
    transport.push(SERVER_EVENTS.message, {
      from: 'medewerker',
      name: 'Anna',
      text: 'Op dinsdag.',
      at: '2026-03-02T10:01:00Z',
    });
    const log = $('[data-testid="kcc-log"]');
    expect(log.getAttribute('role')).toBe('log');
    expect(log.getAttribute('aria-live')).toBe('polite');
    const messages = [...log.querySelectorAll('[data-testid="kcc-message"]')];
    expect(messages.map((m) => m.getAttribute('data-from'))).toEqual(['inwoner', 'medewerker']);
    expect(messages[1]?.querySelector('.who')?.textContent).toBe('Anna: ');
    expect(messages[1]?.querySelector('.text')?.textContent).toBe('Op dinsdag.');
    expect($('[data-testid="kcc-typing"]').textContent).toBe('');
  });

  it('Shift+Enter does not send', async () => {
    const { $, transport } = await chatting();
    const composer = $<HTMLTextAreaElement>('[data-testid="kcc-composer"]');
    type(composer, 'regel 1');
    expect(key(composer, 'Enter', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(transport.sent(CLIENT_EVENTS.message)).toHaveLength(0);
  });

  it('renders message text as text, never as HTML', async () => {
    const { $, transport } = await chatting();
    transport.push(SERVER_EVENTS.message, {
      from: 'medewerker',
      name: '<b>Anna</b>',
      text: '<img src=x onerror="alert(1)">',
      at: '2026-03-02T10:01:00Z',
    });
    const log = $('[data-testid="kcc-log"]');
    expect(log.querySelector('img, b')).toBeNull();
    expect(log.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it('keeps a too long message in the composer and says why', async () => {
    const { $, root, transport } = await chatting();
    const composer = $<HTMLTextAreaElement>('[data-testid="kcc-composer"]');
    type(composer, 'x'.repeat(2001));
    submit(composer.form!);
    await flush();
    expect(composer.value).toHaveLength(2001);
    expect($('[data-testid="kcc-error"]').textContent).toBe(TEXTS.tooLong);
    expect($('[data-testid="kcc-error"]').getAttribute('role')).toBe('alert');
    expect(composer.getAttribute('aria-invalid')).toBe('true');
    expect(root.activeElement).toBe(composer);
    expect(transport.sent(CLIENT_EVENTS.message)).toHaveLength(0);
  });

  it('shows a refused message with a retry button', async () => {
    const { $, transport } = await chatting();
    transport.reply(CLIENT_EVENTS.message, { ok: false, error: 'rate_limited' });
    const composer = $<HTMLTextAreaElement>('[data-testid="kcc-composer"]');
    type(composer, 'Hallo');
    submit(composer.form!);
    await flush();
    const failed = $('[data-testid="kcc-message"].failed');
    expect(failed.textContent).toContain(TEXTS.sendFailed);
    transport.reply(CLIENT_EVENTS.message, { ok: true });
    failed.querySelector<HTMLButtonElement>('.retry')!.click();
    await flush();
    expect($('[data-testid="kcc-message"]').classList.contains('sent')).toBe(true);
  });

  it('ends the chat, then rating and transcript by e-mail', async () => {
    const { $, root, transport } = await chatting();
    $<HTMLButtonElement>('[data-testid="kcc-end"]').click();
    await flush();
    expect($('[data-testid="kcc-notice"]').textContent).toBe(TEXTS.endedByYou);
    expect($<HTMLFormElement>('.composer').hidden).toBe(true);
    const rating = $<HTMLFormElement>('[data-testid="kcc-rating-form"]');
    expect(rating.querySelector('legend')?.textContent).toBe('Hoe tevreden bent u?');
    expect(root.activeElement).toBe(rating.querySelector('input[value="1"]'));
    rating.querySelector<HTMLInputElement>('input[value="4"]')!.checked = true;
    submit(rating);
    await flush();
    expect(transport.sent(CLIENT_EVENTS.rating)).toEqual([{ score: 4 }]);
    expect(rating.hidden).toBe(true);
    expect(root.activeElement?.textContent).toBe(TEXTS.ratingThanks);

    const transcript = $<HTMLFormElement>('[data-testid="kcc-transcript-form"]');
    expect(transcript.textContent).toContain('jan@example.nl');
    expect(transcript.querySelector('input')).toBeNull();
    transport.reply(CLIENT_EVENTS.transcript, { ok: true });
    submit(transcript);
    await flush();
    expect(transport.sent(CLIENT_EVENTS.transcript)).toEqual([{}]);
    expect(root.activeElement?.textContent).toBe(TEXTS.transcriptSent('jan@example.nl'));
  });

  it('counts new messages on the launcher while the panel is closed', async () => {
    const { $, widget, transport } = await chatting();
    widget.close();
    transport.push(SERVER_EVENTS.message, {
      from: 'medewerker',
      name: 'Anna',
      text: 'Hallo',
      at: '2026-03-02T10:01:00Z',
    });
    transport.push(SERVER_EVENTS.message, {
      from: 'medewerker',
      name: 'Anna',
      text: 'Bent u er nog?',
      at: '2026-03-02T10:02:00Z',
    });
    const launcher = $<HTMLButtonElement>('.launcher');
    expect(launcher.getAttribute('aria-label')).toBe(`${TEXTS.launcherOpen}, 2 nieuwe berichten`);
    expect($('.badge').textContent).toBe('2');
    widget.open();
    expect($('.badge').hidden).toBe(true);
  });
});

describe('ChatView: offline and resume', () => {
  it('opens on "Laat een bericht achter" when chat is closed, and asks for a callback', async () => {
    const transport = new FakeTransport().reply(CLIENT_EVENTS.availability, {
      ok: true,
      data: { available: false, open: false, reason: 'gesloten', openingHours: 'ma–vr 08:30–17:00' },
    });
    transport.reply(CLIENT_EVENTS.leaveMessage, {
      ok: true,
      data: { contactId: 'k1', kind: 'terugbelverzoek' },
    });
    const { $, root } = mount({ transport });
    $<HTMLButtonElement>('.launcher').click();
    await flush();
    expect($('[data-section="offline"]').hidden).toBe(false);
    expect($('[data-testid="kcc-offline-reason"]').textContent).toBe(
      'De chat is nu gesloten. Openingstijden van de chat: ma–vr 08:30–17:00.',
    );
    expect(root.activeElement?.textContent).toBe(TEXTS.offlineTitle);

    const form = $<HTMLFormElement>('[data-testid="kcc-offline-form"]');
    const toggle = form.querySelector<HTMLInputElement>('input[name="callback"]')!;
    expect($('#kcc-callback-fields').hidden).toBe(true);
    toggle.click();
    expect($('#kcc-callback-fields').hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    type(form.querySelector('textarea[name="text"]')!, 'Vraag over mijn aanslag');
    submit(form);
    await flush();
    expect($('[data-testid="kcc-error"]').textContent).toBe(TEXTS.phoneRequired);
    expect(root.activeElement).toBe(form.querySelector('input[name="phone"]'));
    type(form.querySelector('input[name="phone"]')!, '06 12345678');
    submit(form);
    await flush();
    expect(transport.sent(CLIENT_EVENTS.leaveMessage)).toEqual([
      { text: 'Vraag over mijn aanslag', terugbellen: { telefoonnummer: '06 12345678' } },
    ]);
    expect(root.activeElement?.textContent).toBe(TEXTS.offlineSentCallback);
  });

  it('after a reload during a chat, reopens the panel and continues the conversation', async () => {
    const storage = memoryStorage();
    const first = await (async () => {
      const transport = new FakeTransport()
        .reply(CLIENT_EVENTS.availability, AVAILABLE)
        .reply(CLIENT_EVENTS.start, STARTED);
      const ctx = mount({ transport, storage });
      ctx.$<HTMLButtonElement>('.launcher').click();
      await flush();
      submit(ctx.$<HTMLFormElement>('[data-testid="kcc-start-form"]'));
      await flush();
      transport.push(SERVER_EVENTS.message, {
        from: 'medewerker',
        name: 'Anna',
        text: 'Hallo Jan',
        at: '2026-03-02T10:01:00Z',
      });
      return ctx;
    })();
    // The page goes away (reload): the widget is torn down, the tab's sessionStorage stays.
    first.widget.destroy();
    mounted = [];

    const transport = new FakeTransport().reply(CLIENT_EVENTS.resume, {
      ok: true,
      data: {
        conversationId: 'conv-1',
        status: 'verbonden',
        agentName: 'Anna',
        messages: [{ from: 'medewerker', name: 'Anna', text: 'Hallo Jan', at: '2026-03-02T10:01:00Z' }],
      },
    });
    const { $, widget } = mount({ transport, storage });
    await flush();
    expect(transport.sent(CLIENT_EVENTS.resume)).toEqual([{ resumeToken: 'token-abcdefghij' }]);
    expect(widget.isOpen()).toBe(true);
    expect($('[data-section="conversation"]').hidden).toBe(false);
    expect($('[data-testid="kcc-log"]').textContent).toContain('Hallo Jan');
    expect($('[data-testid="kcc-notice"]').textContent).toBe(TEXTS.agentJoined('Anna'));
  });
});
