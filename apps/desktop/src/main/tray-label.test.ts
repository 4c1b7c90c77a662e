import { describe, expect, it } from 'vitest';
import { badgeCount, trayTooltip } from './tray-label';

describe('tray label', () => {
  it('says how many contacts are waiting', () => {
    expect(trayTooltip(0)).toBe('KCC Werkplek — 0 wachtend');
    expect(trayTooltip(12)).toBe('KCC Werkplek — 12 wachtend');
  });

  it('refuses impossible counts', () => {
    expect(() => trayTooltip(-1)).toThrow(/Ongeldig aantal/);
    expect(() => trayTooltip(1.5)).toThrow(/Ongeldig aantal/);
  });

  it('uses the count as badge', () => {
    expect(badgeCount(3)).toBe(3);
    expect(badgeCount(0)).toBe(0);
  });
});
