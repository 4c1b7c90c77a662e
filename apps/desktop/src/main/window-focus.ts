/** The part of a `BrowserWindow` needed to bring it to the front. */
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
}

/** Second instance started, notification or tray clicked: show the existing window instead of a new one. */
export function bringToFront(window: FocusableWindow | undefined): void {
  if (window === undefined) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
