import { useId, useState } from 'react';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import { SetContactPriorityPayload, type WaitingContact } from '@kcc/contracts/dashboard';
import { Field, fieldProps } from '../../../components/field';
import { useSetContactPriority } from '../api/dashboard-actions';
import { describeDashboardError } from '../api/dashboard-socket';
import { ActionForm, issuesByField } from './action-form';
import { ModalDialog } from '../../../components/modal-dialog';

const MAX_PRIORITY = 100;
const PRIORITY_HINT = 'Van 0 tot en met 100. Hoger is eerder aan de beurt.';

interface PriorityDialogProps {
  contact: WaitingContact;
  queueName: string;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Give a waiting contact extra priority (on top of its queue's priority). */
export function PriorityDialog({ contact, queueName, onClose, onDone }: PriorityDialogProps) {
  const inputId = useId();
  const [value, setValue] = useState(String(Math.min(MAX_PRIORITY, Math.max(0, contact.priority) + 10)));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useSetContactPriority();

  const submit = (reason: string) => {
    const priority = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    const parsed = SetContactPriorityPayload.safeParse({ contactId: contact.id, priority, reason });
    const errors = parsed.success ? {} : issuesByField(parsed.error.issues);
    if (errors.priority) errors.priority = 'Vul een getal van 0 tot en met 100 in.';
    setFieldErrors(errors);
    if (!parsed.success) return;
    mutation.mutate(parsed.data, {
      onSuccess: () => {
        onDone(`Contact in ${queueName} heeft nu voorrang ${parsed.data.priority}.`);
        onClose();
      },
    });
  };

  return (
    <ModalDialog
      title="Voorrang geven"
      description={`${CHANNEL_LABELS[contact.channel]} in ${queueName}, voorrang nu ${contact.priority}.`}
      onClose={onClose}
      testId="priority-dialog"
    >
      <ActionForm
        submitLabel="Voorrang opslaan"
        pending={mutation.isPending}
        error={mutation.isError ? describeDashboardError(mutation.error) : null}
        fieldErrors={fieldErrors}
        onSubmit={submit}
        onCancel={onClose}
      >
        <Field id={inputId} label="Voorrang" required error={fieldErrors.priority} hint={PRIORITY_HINT}>
          <input
            {...fieldProps(inputId, fieldErrors.priority, { required: true, hint: PRIORITY_HINT })}
            className="field w-28"
            inputMode="numeric"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        </Field>
      </ActionForm>
    </ModalDialog>
  );
}
