import { useId } from 'react';
import { AGENT_SETTABLE_PRESENCES, AgentSettablePresence, PRESENCE_LABELS } from '@kcc/contracts/domain';
import { describeCommandError } from '../../../lib/socket';
import { SHORTCUTS } from '../../../config/shortcuts';
import { useHotkey } from '../../../lib/use-hotkey';
import { useAgentState } from '../api/get-me';
import { useSetPresence } from '../api/set-presence';
import { PresenceDot } from './presence-dot';
import { useResetOnReconnect } from '../../../lib/use-reset-on-reconnect';

/**
 * The agent's own status. A native select keeps it fully keyboard- and screen-reader-operable. The system
 * states (nawerk, niet reagerend) appear as a disabled, selected option while they hold.
 */
export function StatusSelect() {
  const id = useId();
  const state = useAgentState();
  const setPresence = useSetPresence();
  useResetOnReconnect(setPresence);
  useHotkey(SHORTCUTS.focusStatus, () => document.getElementById(id)?.focus());

  const presence = state?.presence ?? 'offline';
  const systemSet = !(AGENT_SETTABLE_PRESENCES as readonly string[]).includes(presence);

  return (
    <div className="flex items-center gap-2">
      <PresenceDot presence={presence} />
      <label htmlFor={id} className="text-sm font-medium text-white">
        Status
      </label>
      <select
        id={id}
        data-testid="status-select"
        value={presence}
        disabled={!state || setPresence.isPending}
        title={`Status (${SHORTCUTS.focusStatus.label})`}
        aria-keyshortcuts="Alt+S"
        aria-describedby={setPresence.isError ? `${id}-error` : undefined}
        onChange={(event) => {
          const parsed = AgentSettablePresence.safeParse(event.target.value);
          if (parsed.success) setPresence.mutate(parsed.data);
        }}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
      >
        {AGENT_SETTABLE_PRESENCES.map((value) => (
          <option key={value} value={value}>
            {PRESENCE_LABELS[value]}
          </option>
        ))}
        {systemSet && (
          <option value={presence} disabled>
            {PRESENCE_LABELS[presence]}
          </option>
        )}
      </select>
      {setPresence.isError && (
        <span id={`${id}-error`} role="alert" className="text-sm text-amber-100">
          Status niet gewijzigd. {describeCommandError(setPresence.error)}
        </span>
      )}
    </div>
  );
}
