import type { ChatMessage, ChatSession, ChatState, Phase } from './chat-session';
import { field, formValue, h } from './dom';
import { focusableIn, trapTab } from './focus-trap';
import { WIDGET_CSS } from './styles';
import { LIMITS } from './protocol';
import { TEXTS, queueText } from './texts';
import { checkMessage } from './validation';

export interface ChatViewOptions {
  title: string;
  /** Called when the panel opens or closes (to remember it over a page reload). */
  onOpenChange?: (open: boolean) => void;
  /** Shown on the start screen above the start form ("Zoek uw vraag"). */
  startExtras?: HTMLElement;
  /** Called when the resident submits the start form. */
  onStartSubmit?: () => void;
}

type Section = 'start' | 'waiting' | 'conversation' | 'offline' | 'offline-sent';

const SECTION_OF: Record<Phase, Section> = {
  start: 'start',
  starting: 'waiting',
  resuming: 'waiting',
  chat: 'conversation',
  ended: 'conversation',
  offline: 'offline',
  'offline-sent': 'offline-sent',
};

/**
 * Renders the launcher and the chat dialog into a shadow root and keeps them in step with the session.
 * Sections are built once and shown per phase, so typed input and focus survive state updates.
 */
export class ChatView {
  readonly launcher: HTMLButtonElement;
  readonly panel: HTMLDivElement;
  private readonly root: ShadowRoot;
  private readonly session: ChatSession;
  private readonly options: ChatViewOptions;
  private readonly badge: HTMLSpanElement;
  private readonly notice: HTMLParagraphElement;
  private readonly error: HTMLParagraphElement;
  private readonly sections: Record<Section, HTMLElement>;
  private readonly startForm: HTMLFormElement;
  private readonly waitingText: HTMLParagraphElement;
  private readonly log: HTMLDivElement;
  private readonly typing: HTMLParagraphElement;
  private readonly composer: HTMLFormElement;
  private readonly composerInput: HTMLTextAreaElement;
  private readonly endButton: HTMLButtonElement;
  private readonly chatActions: HTMLDivElement;
  private readonly after: HTMLDivElement;
  private readonly ratingForm: HTMLFormElement;
  private readonly ratingDone: HTMLParagraphElement;
  private readonly transcriptForm: HTMLFormElement;
  private readonly transcriptQuestion: HTMLParagraphElement;
  private readonly transcriptDone: HTMLParagraphElement;
  private readonly offlineForm: HTMLFormElement;
  private readonly callbackFields: HTMLFieldSetElement;
  private readonly offlineReason: HTMLParagraphElement;
  private readonly offlineSentText: HTMLParagraphElement;
  private readonly rendered = new Map<number, HTMLElement>();
  private last: ChatState | null = null;
  private opened = false;
  private unread = 0;
  private readonly unsubscribe: () => void;

  constructor(root: ShadowRoot, session: ChatSession, options: ChatViewOptions) {
    this.root = root;
    this.session = session;
    this.options = options;

    this.badge = h('span', { class: 'badge', hidden: true });
    this.launcher = h(
      'button',
      {
        type: 'button',
        class: 'launcher',
        'aria-haspopup': 'dialog',
        'aria-expanded': 'false',
        'aria-controls': 'kcc-panel',
        'data-testid': 'kcc-launcher',
      },
      chatIcon(),
      h('span', { class: 'launcher-text' }, TEXTS.launcherOpen),
      this.badge,
    );

    this.notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'kcc-notice' });
    this.error = h('p', { class: 'error', role: 'alert', id: 'kcc-error', 'data-testid': 'kcc-error' });

    // --- start
    this.startForm = h(
      'form',
      { novalidate: true, 'data-testid': 'kcc-start-form' },
      h('p', { class: 'hint' }, TEXTS.intro),
      field(
        'kcc-name',
        TEXTS.nameLabel,
        h('input', {
          type: 'text',
          name: 'name',
          autocomplete: 'name',
          maxlength: String(LIMITS.nameMaxChars),
        }),
      ),
      field(
        'kcc-email',
        TEXTS.emailLabel,
        h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: '254' }),
      ),
      field(
        'kcc-subject',
        TEXTS.subjectLabel,
        h('input', { type: 'text', name: 'subject', maxlength: String(LIMITS.subjectMaxChars) }),
      ),
      h('button', { type: 'submit', class: 'primary' }, TEXTS.startButton),
    );
    const leaveInstead = h('button', { type: 'button', class: 'link' }, TEXTS.leaveMessageInstead);
    leaveInstead.addEventListener('click', () => this.session.leaveMessageInstead());
    this.startForm.addEventListener('submit', (e) => {
      e.preventDefault();
      this.options.onStartSubmit?.();
      void this.session.start({
        name: formValue(this.startForm, 'name'),
        email: formValue(this.startForm, 'email'),
        subject: formValue(this.startForm, 'subject'),
      });
    });

    // --- waiting (starting / resuming)
    this.waitingText = h('p', { tabindex: '-1' }, TEXTS.starting);

    // --- conversation
    this.log = h('div', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': TEXTS.messagesLabel,
      tabindex: '0',
      'data-testid': 'kcc-log',
    });
    this.typing = h('p', { class: 'typing', 'aria-live': 'polite', 'data-testid': 'kcc-typing' });
    this.composerInput = h('textarea', { name: 'text', rows: '2', 'data-testid': 'kcc-composer' });
    this.composer = h(
      'form',
      { class: 'composer', novalidate: true },
      h('label', { for: 'kcc-text' }, TEXTS.messageLabel),
      h(
        'div',
        { class: 'row' },
        this.composerInput,
        h('button', { type: 'submit', class: 'primary' }, TEXTS.sendButton),
      ),
    );
    this.composerInput.id = 'kcc-text';
    this.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.sendComposer();
    });
    this.composerInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void this.sendComposer();
      }
    });
    this.composerInput.addEventListener('input', () =>
      this.session.composerChanged(this.composerInput.value),
    );
    this.endButton = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'kcc-end' },
      TEXTS.endButton,
    );
    this.endButton.addEventListener('click', () => void this.session.end());
    this.chatActions = h('div', { class: 'actions' }, this.endButton);

    this.ratingForm = h(
      'form',
      { novalidate: true, 'data-testid': 'kcc-rating-form' },
      h(
        'fieldset',
        { 'aria-describedby': 'kcc-rating-hint' },
        h('legend', {}, TEXTS.ratingQuestion),
        h('p', { class: 'hint', id: 'kcc-rating-hint' }, `${TEXTS.ratingLow}, ${TEXTS.ratingHigh}`),
        h(
          'div',
          { class: 'stars' },
          ...[1, 2, 3, 4, 5].map((score) =>
            h(
              'label',
              {},
              h('input', { type: 'radio', name: 'score', value: String(score) }),
              TEXTS.ratingOption(score),
            ),
          ),
        ),
      ),
      h('button', { type: 'submit', class: 'primary' }, TEXTS.ratingButton),
    );
    this.ratingForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const checked = this.ratingForm.querySelector<HTMLInputElement>('input[name="score"]:checked');
      void this.session.rate(checked ? Number(checked.value) : 0);
    });
    this.ratingDone = h('p', { class: 'done', hidden: true, tabindex: '-1' }, TEXTS.ratingThanks);

    this.transcriptQuestion = h('p', { id: 'kcc-transcript-question' });
    this.transcriptForm = h(
      'form',
      {
        novalidate: true,
        'data-testid': 'kcc-transcript-form',
        'aria-labelledby': 'kcc-transcript-question',
      },
      this.transcriptQuestion,
      h('button', { type: 'submit', class: 'secondary' }, TEXTS.transcriptButton),
    );
    this.transcriptForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.session.requestTranscript();
    });
    this.transcriptDone = h('p', { class: 'done', hidden: true, tabindex: '-1' });
    const newChat = h('button', { type: 'button', class: 'secondary' }, TEXTS.newChatButton);
    newChat.addEventListener('click', () => this.session.newChat());
    this.after = h(
      'div',
      { class: 'after', 'data-testid': 'kcc-after' },
      this.ratingForm,
      this.ratingDone,
      this.transcriptForm,
      this.transcriptDone,
      newChat,
    );

    // --- offline: leave a message or ask for a callback
    const callbackToggle = h('input', {
      type: 'checkbox',
      name: 'callback',
      id: 'kcc-callback',
      'aria-controls': 'kcc-callback-fields',
      'aria-expanded': 'false',
    });
    this.callbackFields = h(
      'fieldset',
      { id: 'kcc-callback-fields', hidden: true },
      h('legend', {}, TEXTS.callbackLabel),
      field(
        'kcc-offline-phone',
        TEXTS.offlinePhoneLabel,
        h('input', { type: 'tel', name: 'phone', autocomplete: 'tel', maxlength: '20' }),
      ),
      field(
        'kcc-callback-date',
        TEXTS.callbackDateLabel,
        h('input', { type: 'date', name: 'date' }),
        TEXTS.callbackWindowHint,
      ),
      h(
        'div',
        { class: 'row' },
        field('kcc-callback-from', TEXTS.callbackFromLabel, h('input', { type: 'time', name: 'from' })),
        field('kcc-callback-to', TEXTS.callbackToLabel, h('input', { type: 'time', name: 'to' })),
      ),
    );
    callbackToggle.addEventListener('change', () => {
      this.callbackFields.hidden = !callbackToggle.checked;
      callbackToggle.setAttribute('aria-expanded', String(callbackToggle.checked));
    });
    this.offlineReason = h('p', { class: 'done', 'data-testid': 'kcc-offline-reason' });
    this.offlineForm = h(
      'form',
      { novalidate: true, 'data-testid': 'kcc-offline-form' },
      h('h3', { class: 'subtitle', id: 'kcc-offline-title', tabindex: '-1' }, TEXTS.offlineTitle),
      this.offlineReason,
      h('p', { class: 'hint' }, TEXTS.offlineIntro),
      field(
        'kcc-offline-name',
        TEXTS.offlineNameLabel,
        h('input', {
          type: 'text',
          name: 'name',
          autocomplete: 'name',
          maxlength: String(LIMITS.nameMaxChars),
        }),
      ),
      field(
        'kcc-offline-email',
        TEXTS.offlineEmailLabel,
        h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: '254' }),
        TEXTS.offlineContactHint,
      ),
      field('kcc-offline-text', TEXTS.offlineTextLabel, h('textarea', { name: 'text', rows: '4' })),
      h('label', { class: 'check', for: 'kcc-callback' }, callbackToggle, TEXTS.callbackLabel),
      this.callbackFields,
      h('button', { type: 'submit', class: 'primary' }, TEXTS.offlineButton),
    );
    this.offlineForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.session.leaveMessage({
        name: formValue(this.offlineForm, 'name'),
        email: formValue(this.offlineForm, 'email'),
        text: formValue(this.offlineForm, 'text'),
        callback: callbackToggle.checked,
        phone: formValue(this.offlineForm, 'phone'),
        date: formValue(this.offlineForm, 'date'),
        from: formValue(this.offlineForm, 'from'),
        to: formValue(this.offlineForm, 'to'),
      });
    });
    this.offlineSentText = h('p', { class: 'done', tabindex: '-1' });
    const offlineNew = h('button', { type: 'button', class: 'secondary' }, TEXTS.newChatButton);
    offlineNew.addEventListener('click', () => this.session.newChat());

    this.sections = {
      start: h(
        'div',
        { class: 'body', 'data-section': 'start' },
        options.startExtras,
        this.startForm,
        leaveInstead,
      ),
      waiting: h('div', { class: 'body', 'data-section': 'waiting', hidden: true }, this.waitingText),
      conversation: h(
        'div',
        { class: 'body conversation', 'data-section': 'conversation', hidden: true },
        this.log,
        this.typing,
        this.composer,
        this.chatActions,
        this.after,
      ),
      offline: h('div', { class: 'body', 'data-section': 'offline', hidden: true }, this.offlineForm),
      'offline-sent': h(
        'div',
        { class: 'body', 'data-section': 'offline-sent', hidden: true },
        h('div', { class: 'stack' }, this.offlineSentText, offlineNew),
      ),
    };

    const close = h('button', { type: 'button', class: 'close', 'aria-label': TEXTS.launcherClose }, '×');
    close.addEventListener('click', () => this.close());
    this.panel = h(
      'div',
      {
        id: 'kcc-panel',
        class: 'panel',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'kcc-title',
        hidden: true,
        'data-testid': 'kcc-panel',
      },
      h('div', { class: 'header' }, h('h2', { class: 'title', id: 'kcc-title' }, options.title), close),
      this.notice,
      this.error,
      ...Object.values(this.sections),
    );
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      } else {
        trapTab(e, this.panel, this.root.activeElement);
      }
    });
    this.launcher.addEventListener('click', () => (this.opened ? this.close() : this.open()));

    adoptStyles(root);
    root.append(h('div', { class: 'root' }, this.launcher, this.panel));
    this.unsubscribe = session.subscribe((state) => this.render(state));
    this.render(session.getState());
  }

  isOpen(): boolean {
    return this.opened;
  }

  open(): void {
    if (this.opened) return;
    this.opened = true;
    this.unread = 0;
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.renderLauncher();
    this.options.onOpenChange?.(true);
    this.focusSection(SECTION_OF[this.session.getState().phase]);
    if (this.session.getState().phase === 'start') void this.session.checkAvailability();
  }

  close(): void {
    if (!this.opened) return;
    this.opened = false;
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.options.onOpenChange?.(false);
    this.launcher.focus();
  }

  destroy(): void {
    this.unsubscribe();
    this.root.replaceChildren();
  }

  private async sendComposer(): Promise<void> {
    const text = this.composerInput.value;
    // Cleared before the ack so the resident can type on; a refused message stays in the log with a retry button.
    if (this.session.getState().phase === 'chat' && checkMessage(text.trim()) === null)
      this.composerInput.value = '';
    const sent = await this.session.send(text);
    if (!sent) this.composerInput.focus();
  }

  private render(state: ChatState): void {
    const prev = this.last;
    this.last = state;
    const section = SECTION_OF[state.phase];
    const phaseChanged = !prev || prev.phase !== state.phase;

    if (phaseChanged) {
      for (const [name, el] of Object.entries(this.sections)) el.hidden = name !== section;
      // "Zoek uw vraag" also helps when no one can chat: it moves (with what was typed) to the offline form
      const extras = this.options.startExtras;
      if (extras && (section === 'start' || section === 'offline')) this.sections[section].prepend(extras);
      this.waitingText.textContent = state.phase === 'resuming' ? TEXTS.resuming : TEXTS.starting;
      const chatting = state.phase === 'chat';
      this.composer.hidden = !chatting;
      this.chatActions.hidden = !chatting;
      this.after.hidden = state.phase !== 'ended';
      // After the chat the whole section scrolls (conversation, then rating and transcript), not the log alone.
      this.sections.conversation.classList.toggle('ended', state.phase === 'ended');
      if (state.phase === 'start' && prev && prev.phase !== 'starting') this.resetForms();
      if (state.phase === 'offline') {
        this.prefillOffline(state);
        const reason =
          state.unavailable?.reason === 'gesloten'
            ? TEXTS.offlineClosed
            : state.unavailable?.reason === 'geen-medewerkers'
              ? TEXTS.offlineNoAgents
              : '';
        const hours = state.unavailable?.openingHours
          ? TEXTS.openingHours(state.unavailable.openingHours)
          : '';
        this.offlineReason.textContent = [reason, hours].filter(Boolean).join(' ');
        this.offlineReason.hidden = !this.offlineReason.textContent;
      }
      if (state.phase === 'offline-sent') {
        this.offlineSentText.textContent =
          state.offlineKind === 'callback' ? TEXTS.offlineSentCallback : TEXTS.offlineSentMessage;
      }
    }

    this.notice.textContent = state.queue
      ? queueText(state.queue.position, state.queue.expectedWaitSeconds)
      : (state.notice ?? '');
    this.error.textContent = state.error?.message ?? '';
    this.markInvalid(state);
    this.renderMessages(state.messages);
    const agent = state.agentName ?? TEXTS.agentFallbackName;
    this.typing.textContent = state.agentTyping ? TEXTS.agentTyping(agent) : '';
    this.panel.setAttribute('aria-busy', String(state.busy));

    this.ratingForm.hidden = state.ratingSent;
    this.ratingDone.hidden = !state.ratingSent;
    // Only to the address given at the start: without one there is nothing to offer.
    this.transcriptForm.hidden = state.transcriptSentTo !== null || !state.contactDraft.email;
    this.transcriptQuestion.textContent = TEXTS.transcriptQuestion(state.contactDraft.email);
    this.transcriptDone.hidden = state.transcriptSentTo === null;
    if (state.transcriptSentTo)
      this.transcriptDone.textContent = TEXTS.transcriptSent(state.transcriptSentTo);

    if (!this.opened && prev) {
      const newAgentMessages = state.messages.filter(
        (m) => m.from === 'medewerker' && !prev.messages.some((p) => p.id === m.id),
      ).length;
      this.unread += newAgentMessages;
    }
    this.renderLauncher();

    if (this.opened) {
      if (phaseChanged && prev) this.focusSection(section);
      else if (prev && !prev.ratingSent && state.ratingSent) this.ratingDone.focus();
      else if (prev && prev.transcriptSentTo === null && state.transcriptSentTo) this.transcriptDone.focus();
      if (state.error?.field && state.error !== prev?.error) this.fieldNamed(state.error.field)?.focus();
    }
  }

  private renderLauncher(): void {
    this.badge.hidden = this.unread === 0;
    this.badge.textContent = String(this.unread);
    const label =
      this.unread === 0
        ? TEXTS.launcherOpen
        : `${TEXTS.launcherOpen}, ${this.unread} ${this.unread === 1 ? 'nieuw bericht' : 'nieuwe berichten'}`;
    this.launcher.setAttribute('aria-label', label);
  }

  private renderMessages(messages: ChatMessage[]): void {
    const ids = new Set(messages.map((m) => m.id));
    if ([...this.rendered.keys()].some((id) => !ids.has(id))) {
      this.log.replaceChildren();
      this.rendered.clear();
    }
    for (const message of messages) {
      const existing = this.rendered.get(message.id);
      const key = `${message.status}|${message.error ?? ''}`;
      if (existing && existing.dataset.key === key) continue;
      const el = this.messageElement(message);
      el.dataset.key = key;
      if (existing) existing.replaceWith(el);
      else this.log.append(el);
      this.rendered.set(message.id, el);
    }
    if (typeof this.log.scrollTo === 'function') this.log.scrollTo({ top: this.log.scrollHeight });
  }

  private messageElement(message: ChatMessage): HTMLElement {
    const who =
      message.from === 'inwoner'
        ? TEXTS.you
        : message.from === 'medewerker'
          ? (message.name ?? TEXTS.agentFallbackName)
          : '';
    const el = h(
      'div',
      {
        class: `msg ${message.from} ${message.status}`,
        'data-from': message.from,
        'data-testid': 'kcc-message',
      },
      who ? h('span', { class: 'who' }, who, h('span', { class: 'sr-only' }, ': ')) : null,
      h('span', { class: 'text' }, message.text),
      h('span', { class: 'time' }, h('span', { class: 'sr-only' }, ', '), formatTime(message.at)),
    );
    if (message.status === 'failed') {
      el.append(h('span', { class: 'fail' }, `${TEXTS.sendFailed} ${message.error ?? ''}`.trim()));
      const retry = h('button', { type: 'button', class: 'secondary retry' }, 'Opnieuw versturen');
      retry.addEventListener('click', () => void this.session.retry(message.id));
      el.append(retry);
    }
    return el;
  }

  private markInvalid(state: ChatState): void {
    for (const el of this.panel.querySelectorAll('[aria-invalid="true"]')) {
      el.removeAttribute('aria-invalid');
      const described = (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((id) => id && id !== 'kcc-error');
      if (described.length) el.setAttribute('aria-describedby', described.join(' '));
      else el.removeAttribute('aria-describedby');
    }
    if (!state.error?.field) return;
    const target = this.fieldNamed(state.error.field);
    if (!target) return;
    target.setAttribute('aria-invalid', 'true');
    const described = (target.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    target.setAttribute('aria-describedby', [...described, 'kcc-error'].join(' '));
  }

  private fieldNamed(name: string): HTMLElement | null {
    const section = this.sections[SECTION_OF[this.session.getState().phase]];
    return section.querySelector<HTMLElement>(`[name="${name}"]`);
  }

  private focusSection(section: Section): void {
    const el = this.sections[section];
    if (section === 'conversation') {
      const phase = this.session.getState().phase;
      (phase === 'chat' ? this.composerInput : (focusableIn(this.after)[0] ?? this.log)).focus();
      return;
    }
    if (section === 'waiting') return this.waitingText.focus();
    if (section === 'offline-sent') return this.offlineSentText.focus();
    if (section === 'offline')
      return this.offlineForm.querySelector<HTMLElement>('#kcc-offline-title')?.focus();
    focusableIn(el)[0]?.focus();
  }

  private resetForms(): void {
    for (const form of [this.startForm, this.ratingForm, this.transcriptForm, this.offlineForm]) form.reset();
    this.callbackFields.hidden = true;
    this.composerInput.value = '';
  }

  private prefillOffline(state: ChatState): void {
    const setIfEmpty = (name: string, value: string) => {
      const el = this.offlineForm.elements.namedItem(name);
      if (el instanceof HTMLInputElement && !el.value) el.value = value;
    };
    setIfEmpty('name', state.contactDraft.name);
    setIfEmpty('email', state.contactDraft.email);
  }
}

/** A speech-bubble icon (SVG: no emoji font needed, decorative for screen readers). */
function chatIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute(
    'd',
    'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z',
  );
  svg.append(path);
  return svg;
}

/**
 * A constructed stylesheet is not an inline style, so the widget also looks right on a host page whose CSP has no
 * `style-src 'unsafe-inline'`. Older browsers (and jsdom) get a <style> element inside the shadow root instead.
 */
function adoptStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(h('style', {}, WIDGET_CSS));
  }
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
