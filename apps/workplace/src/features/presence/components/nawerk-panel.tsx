import { useEffect, useRef, type ReactNode } from 'react';
import { SHORTCUTS } from '../../../config/shortcuts';
import { formatDuration, secondsUntil } from '../../../lib/format';
import { describeCommandError } from '../../../lib/socket';
import { useHotkey } from '../../../lib/use-hotkey';
import { useNow } from '../../../lib/use-now';
import { useAgentState } from '../api/get-me';
import { useSetPresence } from '../api/set-presence';
import { useResetOnReconnect } from '../../../lib/use-reset-on-reconnect';

/**
 * Wrap-up after a closing registration: a countdown to `nawerkUntil`, the notes field the app composes in
 * (`children`), and "Klaar" (= beschikbaar now).
 */
export function NawerkPanel({ children }: { children?: ReactNode }) {
  const state = useAgentState();
  const setPresence = useSetPresence();
  useResetOnReconnect(setPresence);
  const now = useNow();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const inNawerk = state?.presence === 'nawerk';
  const remaining = inNawerk && state.nawerkUntil ? secondsUntil(state.nawerkUntil, now) : undefined;

  // "Klaar" gets the focus unless a field inside (the notes) already took it.
  useEffect(() => {
    if (!sectionRef.current?.contains(document.activeElement)) buttonRef.current?.focus();
  }, []);
  useHotkey(SHORTCUTS.nawerkDone, () => {
    if (!setPresence.isPending) setPresence.mutate('beschikbaar');
  });

  return (
    <section
      ref={sectionRef}
      data-testid="nawerk"
      aria-labelledby="nawerk-title"
      className="rounded-lg border border-blue-300 bg-blue-50 p-4 text-blue-950"
    >
      <h2 id="nawerk-title" className="text-lg font-semibold">
        Nawerk
      </h2>
      <p className="mt-1 text-sm">
        Het contact is geregistreerd.{' '}
        {remaining !== undefined && (
          <>
            U bent weer beschikbaar over{' '}
            <span data-testid="nawerk-countdown" className="font-semibold tabular-nums">
              {formatDuration(remaining)}
            </span>
            .
          </>
        )}
      </p>
      {children}
      <div className="mt-3 flex items-center gap-3">
        <button
          ref={buttonRef}
          type="button"
          className="btn-primary"
          disabled={setPresence.isPending}
          title={`Klaar met nawerk, weer beschikbaar (${SHORTCUTS.nawerkDone.label})`}
          aria-keyshortcuts="Alt+D"
          onClick={() => setPresence.mutate('beschikbaar')}
        >
          Klaar
        </button>
        {setPresence.isError && (
          <p role="alert" className="text-sm text-red-800">
            {describeCommandError(setPresence.error)}
          </p>
        )}
      </div>
    </section>
  );
}
