/**
 * Joins the relayed parts back into batches of rrweb events (the widget splits a batch so each part fits the
 * socket's message limit) and keeps what the pane shows next to the replay: the page address and viewport.
 */
export interface ReplayEvent {
  type: number;
  timestamp: number;
  data?: unknown;
}

export class EventStream {
  private buffer = '';

  /** Returns the events of a completed batch, or [] while parts are missing. A broken batch is dropped. */
  push(part: string, final: boolean): ReplayEvent[] {
    this.buffer += part;
    if (!final) return [];
    const json = this.buffer;
    this.buffer = '';
    try {
      const parsed: unknown = JSON.parse(json);
      return Array.isArray(parsed) ? parsed.filter(isEvent) : [];
    } catch {
      return [];
    }
  }
}

function isEvent(value: unknown): value is ReplayEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReplayEvent).type === 'number' &&
    typeof (value as ReplayEvent).timestamp === 'number'
  );
}

export interface PageInfo {
  href?: string;
  width?: number;
  height?: number;
}

const META = 4;
const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const VIEWPORT_RESIZE = 4;

/** The page address and viewport after these events (Meta, ViewportResize). */
export function pageInfoAfter(info: PageInfo, events: readonly ReplayEvent[]): PageInfo {
  let next = info;
  for (const e of events) {
    const data = (e.data ?? {}) as { href?: unknown; width?: unknown; height?: unknown; source?: unknown };
    if (e.type === META) {
      next = {
        ...(typeof data.href === 'string' ? { href: data.href } : {}),
        ...(typeof data.width === 'number' ? { width: data.width } : {}),
        ...(typeof data.height === 'number' ? { height: data.height } : {}),
      };
    } else if (e.type === INCREMENTAL && data.source === VIEWPORT_RESIZE) {
      if (typeof data.width === 'number' && typeof data.height === 'number')
        next = { ...next, width: data.width, height: data.height };
    }
  }
  return next;
}

export const hasFullSnapshot = (events: readonly ReplayEvent[]) =>
  events.some((e) => e.type === FULL_SNAPSHOT);
