import { z } from 'zod';
import type { JsonStore } from './json-file-store';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent on first start: the OS centres the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** What the keeper needs from Electron's `screen`. */
export interface ScreenAdapter {
  /** Work areas (without task bars) of all connected displays; the first is the primary display. */
  workAreas(): Rect[];
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;
/** How much of the title bar must be on some display for the saved position to be reused. */
const MIN_VISIBLE = { width: 120, height: 40 };

const StoredState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});

export function parseWindowState(raw: unknown): WindowState {
  const parsed = StoredState.safeParse(raw);
  if (!parsed.success) return { ...DEFAULT_WINDOW_STATE };
  const { x, y, width, height, maximized } = parsed.data;
  const state: WindowState = { width, height, maximized };
  if (x !== undefined && y !== undefined) Object.assign(state, { x, y });
  return state;
}

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
}

/**
 * Make a saved state fit the displays connected now: never larger than the biggest work area, never below the
 * minimum size, and a position is only kept when the window's title bar is visible on some display (a monitor
 * may have been unplugged); otherwise the window is centred on the primary display.
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (primary === undefined) return { ...state };
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const width = Math.max(Math.min(state.width, maxWidth), Math.min(MIN_WIDTH, maxWidth));
  const height = Math.max(Math.min(state.height, maxHeight), Math.min(MIN_HEIGHT, maxHeight));
  const result: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return result;
  const titleBar: Rect = { x: state.x, y: state.y, width, height: MIN_VISIBLE.height };
  const home = workAreas.find((area) => {
    const visible = overlap(titleBar, area);
    return visible.width >= Math.min(MIN_VISIBLE.width, width) && visible.height >= MIN_VISIBLE.height;
  });
  if (home === undefined) {
    const w = Math.min(width, primary.width);
    const h = Math.min(height, primary.height);
    return {
      ...result,
      width: w,
      height: h,
      x: primary.x + Math.round((primary.width - w) / 2),
      y: primary.y + Math.round((primary.height - h) / 2),
    };
  }
  // Keep the window's top edge inside its display so the title bar can always be grabbed.
  const y = Math.min(Math.max(state.y, home.y), home.y + home.height - MIN_VISIBLE.height);
  return { ...result, x: state.x, y };
}

/** What the keeper needs from a `BrowserWindow`. */
export interface TrackedWindow {
  /** Bounds when not maximized (Electron's `getNormalBounds`). */
  normalBounds(): Rect;
  isMaximized(): boolean;
}

export interface WindowStateKeeper {
  /** The state to create the window with, clamped to the displays connected now. */
  initial(): WindowState;
  /** Record the window's current state; written after `debounceMs` of quiet, or immediately by `flush`. */
  capture(window: TrackedWindow): void;
  flush(): void;
}

export interface KeeperOptions {
  store: JsonStore;
  screen: ScreenAdapter;
  debounceMs?: number;
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

export function createWindowStateKeeper(options: KeeperOptions): WindowStateKeeper {
  const { store, screen, debounceMs = 500 } = options;
  const timers = options.timers ?? {
    set: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  let pending: WindowState | undefined;
  let timer: unknown;
  const flush = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    if (pending === undefined) return;
    store.write(pending);
    pending = undefined;
  };
  return {
    initial: () => clampToDisplays(parseWindowState(store.read()), screen.workAreas()),
    capture(window) {
      const bounds = window.normalBounds();
      pending = {
        x: Math.round(bounds.x),
        y: Math.round(bounds.y),
        width: Math.round(bounds.width),
        height: Math.round(bounds.height),
        maximized: window.isMaximized(),
      };
      if (timer !== undefined) timers.clear(timer);
      timer = timers.set(flush, debounceMs);
    },
    flush,
  };
}
