import { describe, expect, it } from 'vitest';
import { bringToFront, type FocusableWindow } from './window-focus';

function fake(minimized: boolean, visible: boolean) {
  const calls: string[] = [];
  const win: FocusableWindow = {
    isMinimized: () => minimized,
    isVisible: () => visible,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return { win, calls };
}

describe('bringToFront', () => {
  it('restores a minimized window and shows a hidden one before focusing', () => {
    const a = fake(true, false);
    bringToFront(a.win);
    expect(a.calls).toEqual(['restore', 'show', 'focus']);
    const b = fake(false, true);
    bringToFront(b.win);
    expect(b.calls).toEqual(['focus']);
  });

  it('ignores a missing window (second instance before the first window exists)', () => {
    expect(() => bringToFront(undefined)).not.toThrow();
  });
});
