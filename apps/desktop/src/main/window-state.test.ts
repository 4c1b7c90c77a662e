import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './json-file-store';
import {
  clampToDisplays,
  createWindowStateKeeper,
  DEFAULT_WINDOW_STATE,
  MIN_HEIGHT,
  MIN_WIDTH,
  parseWindowState,
  type Rect,
} from './window-state';

const fullHd: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('falls back to defaults for missing or malformed data', () => {
    expect(parseWindowState(undefined)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 'wide' })).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: -5, height: 600 })).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a position only when both coordinates are present', () => {
    expect(parseWindowState({ x: 10, width: 1000, height: 700 })).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(parseWindowState({ x: 10, y: 20, width: 1000, height: 700, maximized: true })).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });
});

describe('clampToDisplays', () => {
  it('keeps a window that is on a connected display', () => {
    const state = { x: 2000, y: 100, width: 1400, height: 900, maximized: false };
    expect(clampToDisplays(state, [fullHd, rightMonitor])).toEqual(state);
  });

  it('centres the window on the primary display when its monitor was unplugged', () => {
    const state = { x: 2000, y: 100, width: 1400, height: 900, maximized: true };
    expect(clampToDisplays(state, [fullHd])).toEqual({
      x: 260,
      y: 70,
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it('shrinks a window larger than every display and never below the minimum size', () => {
    expect(clampToDisplays({ width: 5000, height: 3000, maximized: false }, [fullHd])).toEqual({
      width: 1920,
      height: 1040,
      maximized: false,
    });
    expect(clampToDisplays({ width: 200, height: 100, maximized: false }, [fullHd])).toEqual({
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
      maximized: false,
    });
  });

  it('pulls a title bar that sits above the display back into view', () => {
    const state = { x: 100, y: -20, width: 1000, height: 700, maximized: false };
    // Only 20 px of the title bar height is visible: not enough, so the window is centred.
    expect(clampToDisplays(state, [fullHd]).y).toBeGreaterThanOrEqual(0);
  });

  it('returns a copy unchanged when no display is known', () => {
    const state = { x: 1, y: 2, width: 3, height: 4, maximized: false };
    expect(clampToDisplays(state, [])).toEqual(state);
  });

  it('always yields a grabbable title bar on some display (property)', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 1024, max: 4000 }),
      height: fc.integer({ min: 700, max: 2500 }),
    });
    fc.assert(
      fc.property(
        fc.array(rect, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (displays, x, y, width, height) => {
          const out = clampToDisplays({ x, y, width, height, maximized: false }, displays);
          expect(out.x).toBeDefined();
          const onSome = displays.some(
            (d) =>
              out.y! >= d.y &&
              out.y! + 40 <= d.y + d.height &&
              Math.min(out.x! + out.width, d.x + d.width) - Math.max(out.x!, d.x) >= Math.min(120, out.width),
          );
          expect(onSome).toBe(true);
          expect(out.width).toBeLessThanOrEqual(Math.max(...displays.map((d) => d.width)));
          expect(out.height).toBeLessThanOrEqual(Math.max(...displays.map((d) => d.height)));
        },
      ),
    );
  });
});

describe('createWindowStateKeeper', () => {
  function manualTimers() {
    const queue = new Map<number, () => void>();
    let next = 0;
    return {
      set: (fn: () => void) => {
        next += 1;
        queue.set(next, fn);
        return next;
      },
      clear: (handle: unknown) => void queue.delete(handle as number),
      runAll: () => {
        for (const [id, fn] of [...queue]) {
          queue.delete(id);
          fn();
        }
      },
      size: () => queue.size,
    };
  }

  it('restores the saved state, clamped to the displays connected now', () => {
    const store = createMemoryStore({ x: 3000, y: 50, width: 1200, height: 800, maximized: false });
    const keeper = createWindowStateKeeper({ store, screen: { workAreas: () => [fullHd] } });
    expect(keeper.initial()).toEqual({ x: 360, y: 120, width: 1200, height: 800, maximized: false });
  });

  it('debounces writes during a drag and writes the last state', () => {
    const store = createMemoryStore();
    const timers = manualTimers();
    const keeper = createWindowStateKeeper({ store, screen: { workAreas: () => [fullHd] }, timers });
    let bounds = { x: 10.4, y: 20, width: 1000, height: 700 };
    const win = { normalBounds: () => bounds, isMaximized: () => false };
    keeper.capture(win);
    bounds = { x: 50, y: 60, width: 1100, height: 750 };
    keeper.capture(win);
    expect(store.writes).toBe(0);
    expect(timers.size()).toBe(1);
    timers.runAll();
    expect(store.writes).toBe(1);
    expect(store.read()).toEqual({ x: 50, y: 60, width: 1100, height: 750, maximized: false });
  });

  it('flush writes immediately (window closing) and only once', () => {
    const store = createMemoryStore();
    const timers = manualTimers();
    const keeper = createWindowStateKeeper({ store, screen: { workAreas: () => [fullHd] }, timers });
    keeper.capture({
      normalBounds: () => ({ x: 0, y: 0, width: 900, height: 600 }),
      isMaximized: () => true,
    });
    keeper.flush();
    keeper.flush();
    timers.runAll();
    expect(store.writes).toBe(1);
    expect(store.read()).toMatchObject({ maximized: true, width: 900 });
  });
});
