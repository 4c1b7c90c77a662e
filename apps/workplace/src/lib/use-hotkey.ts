import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** `KeyboardEvent.code` (layout-independent, and unaffected by Option on macOS), e.g. `KeyA`, `Digit1`. */
  code: string;
  alt?: boolean;
  ctrl?: boolean;
  shift?: boolean;
}

export function matchesShortcut(event: KeyboardEvent, shortcut: Shortcut): boolean {
  return (
    event.code === shortcut.code &&
    event.altKey === (shortcut.alt ?? false) &&
    (event.ctrlKey || event.metaKey) === (shortcut.ctrl ?? false) &&
    event.shiftKey === (shortcut.shift ?? false)
  );
}

/** True when the key went to a text field, where plain keys such as `?` must type, not trigger. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** A document-level shortcut; the handler decides by returning false that it did not apply. */
export function useHotkey(
  shortcut: Shortcut,
  handler: (event: KeyboardEvent) => boolean | void,
  enabled = true,
) {
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  const { code, alt, ctrl, shift } = shortcut;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !matchesShortcut(event, { code, alt, ctrl, shift })) return;
      if (handlerRef.current(event) !== false) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [code, alt, ctrl, shift, enabled]);
}
