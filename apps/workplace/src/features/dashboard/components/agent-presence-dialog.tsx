import { useId, useState } from 'react';
import { PRESENCE_LABELS } from '@kcc/contracts/domain';
import { SetAgentPresencePayload, type AgentLive } from '@kcc/contracts/dashboard';
import { useSetAgentPresence } from '../api/dashboard-actions';
import { describeDashboardError } from '../api/dashboard-socket';
import { ActionForm, issuesByField } from './action-form';
import { ModalDialog } from '../../../components/modal-dialog';

const CHOICES = ['pauze', 'offline'] as const;

interface AgentPresenceDialogProps {
  agent: AgentLive;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Put an agent on pauze or offline, with a reason that the server logs. */
export function AgentPresenceDialog({ agent, onClose, onDone }: AgentPresenceDialogProps) {
  const legendId = useId();
  const [presence, setPresence] = useState<(typeof CHOICES)[number]>('pauze');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useSetAgentPresence();

  const submit = (reason: string) => {
    const parsed = SetAgentPresencePayload.safeParse({ agentId: agent.id, presence, reason });
    if (!parsed.success) return setFieldErrors(issuesByField(parsed.error.issues));
    setFieldErrors({});
    mutation.mutate(parsed.data, {
      onSuccess: (updated) => {
        onDone(`${updated.name} staat nu op ${PRESENCE_LABELS[updated.presence].toLowerCase()}.`);
        onClose();
      },
    });
  };

  return (
    <ModalDialog
      title="Status van medewerker wijzigen"
      description={`${agent.name} is nu ${PRESENCE_LABELS[agent.presence].toLowerCase()}.`}
      onClose={onClose}
      testId="agent-presence-dialog"
    >
      <ActionForm
        submitLabel="Status wijzigen"
        pending={mutation.isPending}
        error={mutation.isError ? describeDashboardError(mutation.error) : null}
        fieldErrors={fieldErrors}
        onSubmit={submit}
        onCancel={onClose}
      >
        <fieldset aria-labelledby={legendId} className="space-y-1">
          <legend id={legendId} className="text-sm font-medium">
            Nieuwe status
          </legend>
          {CHOICES.map((choice) => (
            <label key={choice} className="flex items-center gap-2">
              <input
                type="radio"
                name="presence"
                value={choice}
                checked={presence === choice}
                onChange={() => setPresence(choice)}
              />
              {PRESENCE_LABELS[choice]}
            </label>
          ))}
        </fieldset>
      </ActionForm>
    </ModalDialog>
  );
}
