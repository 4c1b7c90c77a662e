import { useId, useState } from 'react';
import { SetAgentQueuesPayload, type AgentLive, type QueueLive } from '@kcc/contracts/dashboard';
import { fieldProps } from '../../../components/field';
import { useSetAgentQueues } from '../api/dashboard-actions';
import { describeDashboardError } from '../api/dashboard-socket';
import { ActionForm, issuesByField } from './action-form';
import { ModalDialog } from '../../../components/modal-dialog';

interface AgentQueuesDialogProps {
  agent: AgentLive;
  queues: readonly Pick<QueueLive, 'id' | 'name'>[];
  onClose: () => void;
  onDone: (message: string) => void;
}

function parseLevel(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const level = Number(text);
  return level >= 1 && level <= 10 ? level : null;
}

/** Move an agent between queues and adjust their skill levels (1–10); the reason is logged. */
export function AgentQueuesDialog({ agent, queues, onClose, onDone }: AgentQueuesDialogProps) {
  const legendId = useId();
  const skillsLegendId = useId();
  const idBase = useId();
  const [selected, setSelected] = useState<Set<string>>(() => new Set(agent.queueIds));
  const [levels, setLevels] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(agent.skills).map(([skill, level]) => [skill, String(level)])),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useSetAgentQueues();
  const skillNames = Object.keys(agent.skills).sort((a, b) => a.localeCompare(b, 'nl'));

  const toggle = (queueId: string, checked: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(queueId);
      else next.delete(queueId);
      return next;
    });

  const submit = (reason: string) => {
    const errors: Record<string, string> = {};
    const skills: Record<string, number> = {};
    for (const skill of skillNames) {
      const level = parseLevel(levels[skill] ?? '');
      if (level === null) errors[`skill:${skill}`] = 'Vul een getal van 1 tot en met 10 in.';
      else skills[skill] = level;
    }
    const skillsChanged = skillNames.some((skill) => skills[skill] !== agent.skills[skill]);
    const parsed = SetAgentQueuesPayload.safeParse({
      agentId: agent.id,
      queueIds: queues.map((q) => q.id).filter((id) => selected.has(id)),
      ...(skillsChanged ? { skills } : {}),
      reason,
    });
    if (!parsed.success) Object.assign(errors, issuesByField(parsed.error.issues));
    setFieldErrors(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    mutation.mutate(parsed.data, {
      onSuccess: (updated) => {
        const names = queues.filter((q) => updated.queueIds.includes(q.id)).map((q) => q.name);
        onDone(
          names.length > 0
            ? `${updated.name} werkt nu voor: ${names.join(', ')}.`
            : `${updated.name} werkt nu voor alle wachtrijen die bij de vaardigheden passen.`,
        );
        onClose();
      },
    });
  };

  return (
    <ModalDialog
      title="Wachtrijen en vaardigheden wijzigen"
      description={`Voor ${agent.name}.`}
      onClose={onClose}
      testId="agent-queues-dialog"
    >
      <ActionForm
        submitLabel="Opslaan"
        pending={mutation.isPending}
        error={mutation.isError ? describeDashboardError(mutation.error) : null}
        fieldErrors={fieldErrors}
        onSubmit={submit}
        onCancel={onClose}
      >
        <fieldset aria-labelledby={legendId} className="space-y-1">
          <legend id={legendId} className="text-sm font-medium">
            Wachtrijen
          </legend>
          <p className="text-xs text-slate-700">
            Geen wachtrij gekozen: alle wachtrijen die bij de vaardigheden passen.
          </p>
          {queues.map((queue) => (
            <label key={queue.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={selected.has(queue.id)}
                onChange={(event) => toggle(queue.id, event.target.checked)}
              />
              {queue.name}
            </label>
          ))}
        </fieldset>
        {skillNames.length > 0 && (
          <fieldset aria-labelledby={skillsLegendId} className="space-y-2">
            <legend id={skillsLegendId} className="text-sm font-medium">
              Vaardigheden (niveau 1 tot en met 10)
            </legend>
            {skillNames.map((skill) => {
              const id = `${idBase}-${skill}`;
              const error = fieldErrors[`skill:${skill}`];
              return (
                <div key={skill} className="flex flex-wrap items-center gap-2">
                  <label htmlFor={id} className="w-40 text-sm">
                    {skill}
                  </label>
                  <input
                    {...fieldProps(id, error)}
                    className="field w-20"
                    inputMode="numeric"
                    value={levels[skill] ?? ''}
                    onChange={(event) =>
                      setLevels((current) => ({ ...current, [skill]: event.target.value }))
                    }
                  />
                  {error && (
                    <span id={`${id}-error`} className="field-error">
                      {error}
                    </span>
                  )}
                </div>
              );
            })}
          </fieldset>
        )}
      </ActionForm>
    </ModalDialog>
  );
}
