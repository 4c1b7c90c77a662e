import { useEffect, useRef, useState } from 'react';
import type { Presence } from '@kcc/contracts/domain';
import { SHORTCUTS } from '../../../config/shortcuts';
import { describeCommandError } from '../../../lib/socket';
import { useHotkey } from '../../../lib/use-hotkey';
import { useAgentState } from '../api/get-me';
import { useSetPresence } from '../api/set-presence';
import { getRequestedPresence } from '../stores/presence-request-store';
import { systemChangeReason } from '../utils/system-change-reason';
import { useResetOnReconnect } from '../../../lib/use-reset-on-reconnect';

/**
 * A status change the agent did not make (a missed offer, a restart of the server) is said with its reason,
 * with "Weer beschikbaar" on the same key as after nawerk. It stays until the agent acts or closes it.
 */
export function PresenceChangeNotice() {
  const state = useAgentState();
  const setPresence = useSetPresence();
  useResetOnReconnect(setPresence);
  const previous = useRef<Presence | undefined>(undefined);
  const [notice, setNotice] = useState<{ to: Presence; reason: string } | null>(null);
  const presence = state?.presence;

  useEffect(() => {
    if (!presence) return;
    const from = previous.current;
    previous.current = presence;
    if (from === undefined || from === presence) return;
    const reason = presence === getRequestedPresence() ? undefined : systemChangeReason(from, presence);
    setNotice(reason ? { to: presence, reason } : null);
  }, [presence]);

  const showing = notice !== null && notice.to === presence;
  useHotkey(
    SHORTCUTS.nawerkDone,
    () => {
      if (setPresence.isPending) return;
      setPresence.mutate('beschikbaar');
    },
    showing,
  );
  if (!showing) return null;

  return (
    <div
      role="alert"
      data-testid="presence-change-notice"
      data-presence={notice.to}
      className="flex flex-wrap items-center gap-x-4 gap-y-1 bg-amber-100 px-4 py-1.5 text-sm text-amber-950"
    >
      <p>{notice.reason}</p>
      <div className="flex gap-2">
        <button
          type="button"
          className="btn-primary"
          disabled={setPresence.isPending}
          aria-keyshortcuts="Alt+D"
          title={`Weer beschikbaar (${SHORTCUTS.nawerkDone.label})`}
          onClick={() => setPresence.mutate('beschikbaar')}
        >
          Weer beschikbaar{' '}
          <kbd className="ml-1 rounded bg-blue-950/40 px-1 text-xs">{SHORTCUTS.nawerkDone.label}</kbd>
        </button>
        <button type="button" className="btn-secondary" onClick={() => setNotice(null)}>
          Melding sluiten
        </button>
      </div>
      {setPresence.isError && <p className="field-error">{describeCommandError(setPresence.error)}</p>}
    </div>
  );
}
