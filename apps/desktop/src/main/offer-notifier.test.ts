import { describe, expect, it } from 'vitest';
import { createOfferNotifier, type NotificationAdapter, type NotifierWindow } from './offer-notifier';

function fakeWindow(focused: boolean) {
  const calls: string[] = [];
  const state = { focused, minimized: false, visible: true };
  const win: NotifierWindow = {
    isFocused: () => state.focused,
    isMinimized: () => state.minimized,
    isVisible: () => state.visible,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
    flashFrame: (flag) => void calls.push(`flash:${flag}`),
  };
  return { win, calls, state };
}

function fakeNotifications(supported = true) {
  const shown: { title: string; body: string; click: () => void; closed: boolean }[] = [];
  const adapter: NotificationAdapter = {
    isSupported: () => supported,
    show: ({ title, body, onClick }) => {
      const entry = { title, body, click: onClick, closed: false };
      shown.push(entry);
      return { close: () => void (entry.closed = true) };
    },
  };
  return { adapter, shown };
}

const offer = { offerId: 'offer-1', title: 'Nieuw contact: telefoon', body: 'Afval — wacht 0:12' };

describe('createOfferNotifier', () => {
  it('does nothing while the agent is looking at the window', () => {
    const { win, calls } = fakeWindow(true);
    const { adapter, shown } = fakeNotifications();
    const notifier = createOfferNotifier({ notifications: adapter, window: () => win, push: () => true });
    expect(notifier.offerArrived(offer)).toEqual({ shown: false });
    expect(shown).toHaveLength(0);
    expect(calls).toEqual([]);
  });

  it('shows a notification and flashes the taskbar when the window is unfocused', () => {
    const { win, calls } = fakeWindow(false);
    const { adapter, shown } = fakeNotifications();
    const notifier = createOfferNotifier({ notifications: adapter, window: () => win, push: () => true });
    expect(notifier.offerArrived(offer)).toEqual({ shown: true });
    expect(shown.map((s) => [s.title, s.body])).toEqual([[offer.title, offer.body]]);
    expect(calls).toEqual(['flash:true']);
  });

  it('on click: restores and focuses the window, stops flashing and pushes kcc:notification:clicked', () => {
    const { win, calls, state } = fakeWindow(false);
    state.minimized = true;
    const { adapter, shown } = fakeNotifications();
    const pushed: unknown[][] = [];
    const notifier = createOfferNotifier({
      notifications: adapter,
      window: () => win,
      push: (...args) => pushed.push(args),
    });
    notifier.offerArrived(offer);
    shown[0]!.click();
    expect(calls).toEqual(['flash:true', 'restore', 'focus', 'flash:false']);
    expect(pushed).toEqual([['kcc:notification:clicked', { offerId: 'offer-1' }]]);
  });

  it('still flashes when the OS has no notifications', () => {
    const { win, calls } = fakeWindow(false);
    const notifier = createOfferNotifier({
      notifications: fakeNotifications(false).adapter,
      window: () => win,
      push: () => true,
    });
    expect(notifier.offerArrived(offer)).toEqual({ shown: false });
    expect(calls).toEqual(['flash:true']);
  });

  it('replaces a repeated offer, caps open notifications and clears them on focus', () => {
    const { win, calls } = fakeWindow(false);
    const { adapter, shown } = fakeNotifications();
    const notifier = createOfferNotifier({
      notifications: adapter,
      window: () => win,
      push: () => true,
      maxOpen: 2,
    });
    notifier.offerArrived(offer);
    notifier.offerArrived(offer);
    expect(shown.map((s) => s.closed)).toEqual([true, false]);
    notifier.offerArrived({ ...offer, offerId: 'offer-2' });
    notifier.offerArrived({ ...offer, offerId: 'offer-3' });
    expect(shown.map((s) => s.closed)).toEqual([true, true, false, false]);
    notifier.windowFocused();
    expect(shown.every((s) => s.closed)).toBe(true);
    expect(calls.at(-1)).toBe('flash:false');
  });

  it('reports not shown when there is no window', () => {
    const notifier = createOfferNotifier({
      notifications: fakeNotifications().adapter,
      window: () => undefined,
      push: () => true,
    });
    expect(notifier.offerArrived(offer)).toEqual({ shown: false });
  });
});
