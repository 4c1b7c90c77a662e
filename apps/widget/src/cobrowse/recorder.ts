import { record } from '@rrweb/record';
import { maskPersonalNumbers } from '@kcc/contracts/cobrowse-mask';
import { COBROWSE_PART_MAX_CHARS } from './protocol';

export interface RecorderPart {
  seq: number;
  part: string;
  final: boolean;
}

export interface Recorder {
  stop(): void;
  /** A new full snapshot (the agent's pane asks after a reload). */
  snapshot(): void;
  nodeOf(id: number): Node | null;
}

/** Elements never sent: the site's own marks, canvas and iframes (their content is not ours to share). */
export const BLOCK_SELECTOR = '[data-kcc-block], canvas, iframe, object, embed, #kcc-chat-widget';
// The next task: latency to the agent matters; the events of one task (a mutation batch) share a message.
const FLUSH_MS = 0;

/** Origin and path only: a query string or fragment may hold personal data. */
export function pageAddress(href: string): string {
  try {
    const url = new URL(href);
    return url.origin + url.pathname;
  } catch {
    return '';
  }
}

/** Class the agent's replay shows as a labelled "Niet gedeeld" placeholder. */
export const NOT_SHARED_CLASS = 'kcc-niet-gedeeld';

/**
 * Every string in the batch passes the BSN/IBAN mask. A blocked element (rrweb keeps only its class and size,
 * `rr_width`) gets the placeholder class, so the replay can label it.
 */
export function serialise(events: readonly unknown[]): string {
  return JSON.stringify(maskDeep(events));
}

/**
 * A copy of `value` with every string masked, sharing every part that did not change (most of a batch). A plain
 * walk instead of a `JSON.stringify` replacer: the replacer's call per value cost more than the masking itself.
 * rrweb keeps its serialised nodes (the mirror's meta), so nothing it emitted is changed in place.
 */
function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalNumbers(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const masked = maskDeep(item);
      if (masked !== item) (copy ??= value.slice())[i] = masked;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const masked = maskDeep(item);
    if (masked !== item) (copy ??= { ...record })[key] = masked;
  }
  const attributes = (copy ?? record).attributes as Record<string, unknown> | null | undefined;
  if (attributes && typeof attributes === 'object' && 'rr_width' in attributes) {
    const own = typeof attributes.class === 'string' ? `${attributes.class} ` : '';
    return { ...(copy ?? record), attributes: { ...attributes, class: own + NOT_SHARED_CLASS } };
  }
  return copy ?? record;
}

/** rrweb's Meta event (type 4) carries the page URL: keep its origin and path only. */
export function withoutQuery<E extends { type: number; data?: unknown }>(event: E): E {
  const data = event.data as { href?: unknown } | undefined;
  if (event.type !== 4 || typeof data?.href !== 'string') return event;
  return { ...event, data: { ...data, href: pageAddress(data.href) } };
}

export function splitParts(json: string, max = COBROWSE_PART_MAX_CHARS): string[] {
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += max) parts.push(json.slice(i, i + max));
  return parts.length > 0 ? parts : ['[]'];
}

/**
 * Records the page with rrweb, masked in the browser: every input value (a password as nothing at all, others
 * as `*` per character), text in `data-kcc-mask`, blocked elements, and BSN/IBAN-shaped strings anywhere.
 * Sends each task's events as one batch, split into parts that fit the socket's message limit.
 */
export function startRecorder(send: (part: RecorderPart) => void, win: Window = window): Recorder {
  let queue: unknown[] = [];
  let seq = 0;
  let timer: number | undefined;
  const flush = () => {
    timer = undefined;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const parts = splitParts(serialise(batch));
    parts.forEach((part, i) => send({ seq: seq++, part, final: i === parts.length - 1 }));
  };
  const stopRecording = record({
    emit(event) {
      queue.push(withoutQuery(event));
      timer ??= win.setTimeout(flush, FLUSH_MS);
    },
    maskAllInputs: true,
    maskInputFn: (text, element) =>
      element instanceof HTMLInputElement && element.type === 'password' ? '' : '*'.repeat(text.length),
    maskTextSelector: '[data-kcc-mask]',
    blockSelector: BLOCK_SELECTOR,
    recordCanvas: false,
    recordCrossOriginIframes: false,
    collectFonts: false,
    inlineImages: false,
    sampling: { mousemove: 100, scroll: 150, media: 800, input: 'last' },
    slimDOMOptions: {
      script: true,
      comment: true,
      headFavicon: true,
      headMetaSocial: true,
      headMetaRobots: true,
    },
  });
  return {
    stop() {
      stopRecording?.();
      if (timer !== undefined) win.clearTimeout(timer);
      flush();
    },
    snapshot: () => record.takeFullSnapshot(true),
    nodeOf: (id) => record.mirror.getNode(id) as Node | null,
  };
}
