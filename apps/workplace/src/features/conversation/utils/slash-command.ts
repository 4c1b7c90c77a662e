/** A quick reply as the composer needs it (the app passes them in from the quick-replies feature). */
export interface QuickReplyOption {
  id: string;
  code: string;
  title: string;
  body: string;
}

export interface SlashToken {
  /** Index of the `/`. */
  start: number;
  /** End of the token (the caret). */
  end: number;
  /** What was typed after the `/`, lower-cased. */
  query: string;
}

/**
 * The `/word` the caret is in: a `/` at the start of the text or after whitespace, followed by letters, digits or
 * `-` up to the caret. `https://…` or `a/b` do not count.
 */
export function slashTokenAt(text: string, caret: number): SlashToken | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([\p{L}\p{N}-]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  const start = caret - query.length - 1;
  return { start, end: caret, query: query.toLowerCase() };
}

/** Codes that start with the query first, then codes or titles that contain it; at most `limit`. */
export function filterQuickReplies(
  items: readonly QuickReplyOption[],
  query: string,
  limit = 8,
): QuickReplyOption[] {
  const q = query.toLowerCase();
  const starts = items.filter((i) => i.code.toLowerCase().startsWith(q));
  const contains = items.filter(
    (i) => !starts.includes(i) && (i.code.toLowerCase().includes(q) || i.title.toLowerCase().includes(q)),
  );
  return [...starts, ...contains].slice(0, limit);
}

/** Replace the `/word` with the reply text; returns the new text and where the caret goes. */
export function applyQuickReply(
  text: string,
  token: SlashToken,
  body: string,
): { text: string; caret: number } {
  const next = text.slice(0, token.start) + body + text.slice(token.end);
  return { text: next, caret: token.start + body.length };
}
