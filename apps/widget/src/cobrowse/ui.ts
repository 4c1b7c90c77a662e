import { h } from '../dom';
import { trapTab } from '../focus-trap';
import { addStyles } from './sheet';
import { COBROWSE_TEXTS as T } from './texts';

const CSS = `
.cb-dialog {
  position: fixed; left: 50%; top: 20%; transform: translateX(-50%); z-index: 2147483003;
  width: 440px; max-width: calc(100vw - 24px); padding: 20px; border: 2px solid #154273; border-radius: 8px;
  background: #ffffff; color: #0b0c0c; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.35);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
}
.cb-dialog h2 { margin: 0 0 8px; font-size: 20px; }
.cb-dialog ul { margin: 8px 0; padding-left: 20px; }
.cb-code { margin: 12px 0; font-size: 32px; font-weight: 700; letter-spacing: 4px; }
.cb-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
.cb-primary, .cb-secondary {
  min-height: 44px; padding: 8px 16px; border: 2px solid #154273; border-radius: 4px; font-weight: 600; cursor: pointer;
}
.cb-primary { background: #154273; color: #ffffff; }
.cb-secondary { background: #ffffff; color: #154273; }
.cb-banner {
  position: fixed; left: 0; right: 0; top: 0; z-index: 2147483002; display: flex; flex-wrap: wrap; align-items: center;
  justify-content: center; gap: 12px; padding: 8px 12px; background: #ffdd00; color: #0b0c0c; font-weight: 600;
  border-bottom: 2px solid #0b0c0c; font: 600 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
}
.cb-banner button { min-height: 36px; padding: 4px 12px; border: 2px solid #0b0c0c; border-radius: 4px;
  background: #ffffff; color: #0b0c0c; font-weight: 600; cursor: pointer; }
.cb-sr { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); }
.cb-pointer { position: fixed; z-index: 2147483004; width: 22px; height: 22px; margin: -11px 0 0 -11px;
  border: 3px solid #ffffff; border-radius: 50%; background: #d52b1e; box-shadow: 0 0 0 2px #0b0c0c;
  pointer-events: none; transition: left 80ms linear, top 80ms linear; }
.cb-highlight { position: fixed; z-index: 2147483004; border: 4px solid #d52b1e; border-radius: 4px;
  box-shadow: 0 0 0 3px #ffffff; pointer-events: none; }
`;

export interface DialogChoice {
  title: string;
  body: (string | Node)[];
  allow: string;
  testId: string;
  onChoice(allow: boolean): void;
}

/**
 * The resident's co-browse screens inside the widget's shadow root: the code, the two consent dialogs, the
 * banner while a session runs, a live region for changes, and the agent's pointer and highlight.
 */
export class CobrowseUi {
  private readonly container: HTMLDivElement;
  private readonly live: HTMLParagraphElement;
  private dialog: HTMLElement | null = null;
  private banner: HTMLElement | null = null;
  private pointer: HTMLDivElement | null = null;
  private highlight: HTMLDivElement | null = null;
  private returnFocus: Element | null = null;

  constructor(
    private readonly root: ShadowRoot,
    private readonly doc: Document,
  ) {
    addStyles(root, CSS);
    this.live = h('p', {
      class: 'cb-sr',
      role: 'status',
      'aria-live': 'polite',
      'data-testid': 'kcc-cobrowse-live',
    });
    this.container = h('div', { class: 'cb-root' }, this.live);
    root.append(this.container);
  }

  announce(text: string): void {
    this.live.textContent = text;
  }

  showCode(code: string | null, message: string, onClose: () => void): void {
    const body: Node[] = [h('p', {}, code ? T.codeIntro : message)];
    if (code) {
      body.push(
        h(
          'p',
          { class: 'cb-code', 'data-testid': 'kcc-cobrowse-code', 'aria-label': code.split('').join(' ') },
          `${code.slice(0, 3)} ${code.slice(3)}`,
        ),
        h('p', {}, T.codeHint),
      );
    }
    const close = h('button', { type: 'button', class: 'cb-secondary' }, T.close);
    close.addEventListener('click', () => {
      this.closeDialog();
      onClose();
    });
    this.openDialog('dialog', T.codeTitle, body, [close], 'kcc-cobrowse-code-panel', () => close.click());
  }

  /** A consent question (alertdialog): nothing happens until the resident chooses; Escape refuses. */
  ask(choice: DialogChoice): void {
    const allow = h('button', { type: 'button', class: 'cb-primary' }, choice.allow);
    const refuse = h('button', { type: 'button', class: 'cb-secondary' }, T.refuse);
    const decide = (yes: boolean) => {
      this.closeDialog();
      choice.onChoice(yes);
    };
    allow.addEventListener('click', () => decide(true));
    refuse.addEventListener('click', () => decide(false));
    this.openDialog('alertdialog', choice.title, choice.body, [allow, refuse], choice.testId, () =>
      decide(false),
    );
  }

  showBanner(control: boolean, onStop: () => void, onTakeBack: () => void): void {
    this.banner?.remove();
    const stop = h('button', { type: 'button', 'data-testid': 'kcc-cobrowse-stop' }, T.stop);
    stop.addEventListener('click', onStop);
    const parts: Node[] = [h('span', {}, control ? `${T.banner} ${T.bannerControl}` : T.banner)];
    if (control) {
      const back = h('button', { type: 'button', 'data-testid': 'kcc-cobrowse-take-back' }, T.takeBack);
      back.addEventListener('click', onTakeBack);
      parts.push(back);
    }
    parts.push(stop);
    this.banner = h(
      'div',
      { class: 'cb-banner', role: 'region', 'aria-label': 'Meekijken', 'data-testid': 'kcc-cobrowse-banner' },
      ...parts,
    );
    this.container.append(this.banner);
  }

  hideBanner(): void {
    this.banner?.remove();
    this.banner = null;
    this.hidePointer();
  }

  closeDialog(): void {
    if (!this.dialog) return;
    this.dialog.remove();
    this.dialog = null;
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  }

  /** The agent's pointer (viewport coordinates) and, when given, a box around the element they point at. */
  showPointer(x: number, y: number, box: DOMRect | null): void {
    if (!this.pointer) {
      this.pointer = h('div', {
        class: 'cb-pointer',
        'aria-hidden': 'true',
        'data-testid': 'kcc-cobrowse-pointer',
      });
      this.container.append(this.pointer);
      this.announce(T.pointing);
    }
    this.pointer.style.left = `${x}px`;
    this.pointer.style.top = `${y}px`;
    if (box) {
      this.highlight ??= h('div', {
        class: 'cb-highlight',
        'aria-hidden': 'true',
        'data-testid': 'kcc-cobrowse-highlight',
      });
      if (!this.highlight.isConnected) this.container.append(this.highlight);
      Object.assign(this.highlight.style, {
        left: `${box.left - 4}px`,
        top: `${box.top - 4}px`,
        width: `${box.width + 8}px`,
        height: `${box.height + 8}px`,
      });
    } else {
      this.highlight?.remove();
    }
  }

  hidePointer(): void {
    this.pointer?.remove();
    this.pointer = null;
    this.highlight?.remove();
  }

  destroy(): void {
    this.container.remove();
  }

  private openDialog(
    role: 'dialog' | 'alertdialog',
    title: string,
    body: (string | Node)[],
    actions: HTMLButtonElement[],
    testId: string,
    onEscape: () => void,
  ): void {
    this.closeDialog();
    this.returnFocus = this.root.activeElement ?? this.doc.activeElement;
    const id = `${testId}-title`;
    const descId = `${testId}-desc`;
    const heading = h('h2', { id, tabindex: '-1' }, title);
    const dialog = h(
      'div',
      {
        class: 'cb-dialog',
        role,
        'aria-modal': role === 'alertdialog' ? 'true' : 'false',
        'aria-labelledby': id,
        'aria-describedby': descId,
        'data-testid': testId,
      },
      heading,
      h('div', { id: descId }, ...body),
      h('div', { class: 'cb-actions' }, ...actions),
    );
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onEscape();
        return;
      }
      trapTab(event, dialog, this.root.activeElement);
    });
    this.dialog = dialog;
    this.container.append(dialog);
    // The heading, not "Toestaan": a stray Enter must not give consent; a screen reader reads the question first.
    heading.focus();
  }
}

export function list(items: string[]): HTMLUListElement {
  return h('ul', {}, ...items.map((text) => h('li', {}, text)));
}
