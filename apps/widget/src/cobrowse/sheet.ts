/** Adds a constructed stylesheet to the shadow root (where the browser has them; jsdom has not). */
export function addStyles(root: ShadowRoot, css: string): void {
  if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in root)) return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // Old browsers: the buttons still work unstyled.
  }
}
