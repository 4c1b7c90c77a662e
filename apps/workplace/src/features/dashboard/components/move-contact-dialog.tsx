import { useId, useState } from 'react';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import { MoveContactPayload, type QueueLive, type WaitingContact } from '@kcc/contracts/dashboard';
import { Field, fieldProps } from '../../../components/field';
import { useMoveContact } from '../api/dashboard-actions';
import { describeDashboardError } from '../api/dashboard-socket';
import { ActionForm, issuesByField } from './action-form';
import { ModalDialog } from '../../../components/modal-dialog';

interface MoveContactDialogProps {
  contact: WaitingContact;
  fromQueue: Pick<QueueLive, 'id' | 'name'>;
  queues: readonly Pick<QueueLive, 'id' | 'name' | 'channels'>[];
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Move a waiting contact to another queue that serves its channel; it keeps its place by arrival time. */
export function MoveContactDialog({ contact, fromQueue, queues, onClose, onDone }: MoveContactDialogProps) {
  const selectId = useId();
  const targets = queues.filter((q) => q.id !== fromQueue.id && q.channels.includes(contact.channel));
  const [toQueueId, setToQueueId] = useState(targets[0]?.id ?? '');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useMoveContact();

  const submit = (reason: string) => {
    const parsed = MoveContactPayload.safeParse({ contactId: contact.id, toQueueId, reason });
    const errors = parsed.success ? {} : issuesByField(parsed.error.issues);
    if (!toQueueId) errors.toQueueId = 'Kies een wachtrij.';
    setFieldErrors(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    mutation.mutate(parsed.data, {
      onSuccess: () => {
        const target = targets.find((q) => q.id === toQueueId);
        onDone(`Contact verplaatst van ${fromQueue.name} naar ${target?.name ?? toQueueId}.`);
        onClose();
      },
    });
  };

  return (
    <ModalDialog
      title="Wachtend contact verplaatsen"
      description={`${CHANNEL_LABELS[contact.channel]}, nu in ${fromQueue.name}.`}
      onClose={onClose}
      testId="move-contact-dialog"
    >
      <ActionForm
        submitLabel="Verplaatsen"
        pending={mutation.isPending}
        error={mutation.isError ? describeDashboardError(mutation.error) : null}
        fieldErrors={fieldErrors}
        onSubmit={submit}
        onCancel={onClose}
      >
        {targets.length === 0 ? (
          <p className="text-sm">Geen andere wachtrij behandelt {CHANNEL_LABELS[contact.channel]}.</p>
        ) : (
          <Field id={selectId} label="Naar wachtrij" required error={fieldErrors.toQueueId}>
            <select
              {...fieldProps(selectId, fieldErrors.toQueueId, { required: true })}
              className="field"
              value={toQueueId}
              onChange={(event) => setToQueueId(event.target.value)}
            >
              {targets.map((queue) => (
                <option key={queue.id} value={queue.id}>
                  {queue.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </ActionForm>
    </ModalDialog>
  );
}
