import type { InvokeOutput, PushChannel, PushPayload } from '@kcc/contracts/ipc';
import type { FocusableWindow } from './window-focus';
import { bringToFront } from './window-focus';

export interface OfferNotice {
  offerId: string;
  title: string;
  body: string;
}

/** A shown native notification, kept referenced so it is not garbage-collected before it is clicked. */
export interface NotificationHandle {
  close(): void;
}

export interface NotificationAdapter {
  isSupported(): boolean;
  show(notice: { title: string; body: string; onClick: () => void }): NotificationHandle;
}

export interface NotifierWindow extends FocusableWindow {
  isFocused(): boolean;
  flashFrame(flag: boolean): void;
}

export interface OfferNotifier {
  /** Handles `kcc:notify:offer`: notify and flash only while the window is not focused. */
  offerArrived(notice: OfferNotice): InvokeOutput<'kcc:notify:offer'>;
  /** The window got focus: stop flashing and drop the notifications (the agent is looking at the offers now). */
  windowFocused(): void;
}

export interface OfferNotifierOptions {
  notifications: NotificationAdapter;
  window: () => NotifierWindow | undefined;
  push: <E extends PushChannel>(event: E, payload: PushPayload<E>) => unknown;
  /** Older notifications beyond this are closed; an agent rarely has more than a few offers at once. */
  maxOpen?: number;
}

export function createOfferNotifier(options: OfferNotifierOptions): OfferNotifier {
  const { notifications, window, push, maxOpen = 5 } = options;
  const open = new Map<string, NotificationHandle>();
  const closeAll = () => {
    for (const handle of open.values()) handle.close();
    open.clear();
  };
  return {
    offerArrived(notice) {
      const win = window();
      if (win === undefined || win.isFocused()) return { shown: false };
      win.flashFrame(true);
      if (!notifications.isSupported()) return { shown: false };
      open.get(notice.offerId)?.close();
      open.delete(notice.offerId);
      const handle = notifications.show({
        title: notice.title,
        body: notice.body,
        onClick: () => {
          open.delete(notice.offerId);
          const current = window();
          bringToFront(current);
          current?.flashFrame(false);
          push('kcc:notification:clicked', { offerId: notice.offerId });
        },
      });
      open.set(notice.offerId, handle);
      while (open.size > maxOpen) {
        const [oldestId, oldest] = open.entries().next().value as [string, NotificationHandle];
        oldest.close();
        open.delete(oldestId);
      }
      return { shown: true };
    },
    windowFocused() {
      window()?.flashFrame(false);
      closeAll();
    },
  };
}
