import { useState } from 'react';
import { isDesktop } from '../../../lib/ipc';
import { offerAlertActions, useNotificationsAsked } from '../stores/offer-alert-store';

export function browserNotificationsSupported(): boolean {
  return !isDesktop() && typeof Notification !== 'undefined';
}

/**
 * Asks once, with the reason, whether the browser may show a notification for a new contact. The browser's own
 * question only comes after the agent chose "Meldingen aanzetten".
 */
export function NotificationPermissionPrompt() {
  const asked = useNotificationsAsked();
  const [permission, setPermission] = useState(() =>
    browserNotificationsSupported() ? Notification.permission : 'denied',
  );
  if (asked || permission !== 'default') return null;

  return (
    <div
      data-testid="notification-prompt"
      className="space-y-2 rounded border border-blue-300 bg-blue-50 p-2 text-sm text-blue-950"
    >
      <p>
        Wilt u een melding krijgen bij een nieuw contact, ook als dit venster niet voorop staat? Zo mist u
        geen aanbod.
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className="btn-primary"
          onClick={() => {
            offerAlertActions.notificationsAnswered();
            void Notification.requestPermission().then(setPermission, () => setPermission('denied'));
          }}
        >
          Meldingen aanzetten
        </button>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => offerAlertActions.notificationsAnswered()}
        >
          Niet nu
        </button>
      </div>
    </div>
  );
}
