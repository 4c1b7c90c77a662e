const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Controls in `container` that Tab can reach: not disabled, not inside a hidden part. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => {
    if (el.closest('[hidden]')) return false;
    // Only the checked radio of a group (or the first when none is checked) is a tab stop.
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      const group = [
        ...container.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${el.name}"]`),
      ];
      const checked = group.find((r) => r.checked);
      return checked ? checked === el : group[0] === el;
    }
    return true;
  });
}

/**
 * Keeps Tab and Shift+Tab inside `container` (the open chat dialog). `active` is the focused element as seen from
 * the container's root (in a shadow root: `shadowRoot.activeElement`). Returns true when it moved the focus.
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement, active: Element | null): boolean {
  if (event.key !== 'Tab') return false;
  const items = focusableIn(container);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return true;
  }
  const inside = active instanceof HTMLElement && container.contains(active);
  if (event.shiftKey && (!inside || active === first)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}
