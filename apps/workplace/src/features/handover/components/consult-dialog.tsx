import { useId, useState } from 'react';
import type { Contact } from '@kcc/contracts/domain';
import { Field, fieldProps } from '../../../components/field';
import { describeError } from '../../../lib/api-client';
import { useConsult } from '../api/consult';
import { useColleagues } from '../api/get-colleagues';
import { byAvailability, colleagueOptionLabel } from '../utils/presence-label';
import { ModalDialog } from '../../../components/modal-dialog';

const TEXT_MAX = 2000;

/** "Overleggen met collega": an internal question; the contact stays with me. */
export function ConsultDialog({
  contact,
  onClose,
  onSent,
}: {
  contact: Contact;
  onClose: () => void;
  onSent: (colleagueName: string) => void;
}) {
  const id = useId();
  const colleagues = useColleagues();
  const consult = useConsult(contact.id);
  const [colleague, setColleague] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ colleague?: string; text?: string }>({});
  const people = [...(colleagues.data?.items ?? [])].sort(byAvailability);

  const submit = () => {
    const next: typeof errors = {};
    if (colleague === '') next.colleague = 'Kies een collega.';
    if (text.trim() === '') next.text = 'Typ uw vraag.';
    else if (text.trim().length > TEXT_MAX) next.text = `Uw vraag is te lang: hooguit ${TEXT_MAX} tekens.`;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const name = people.find((p) => p.id === colleague)?.name ?? colleague;
    consult.mutate({ toAgentId: colleague, text: text.trim() }, { onSuccess: () => onSent(name) });
  };

  return (
    <ModalDialog
      title="Overleggen met collega"
      description="Uw collega krijgt de vraag als interne melding. Het contact blijft bij u."
      onClose={onClose}
      testId="consult-dialog"
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Field id={`${id}-colleague`} label="Collega" required error={errors.colleague}>
          <select
            {...fieldProps(`${id}-colleague`, errors.colleague, { required: true })}
            className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
            value={colleague}
            onChange={(e) => setColleague(e.target.value)}
          >
            <option value="">{colleagues.isPending ? 'Laden…' : 'Kies een collega'}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {colleagueOptionLabel(p.name, p.presence)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-text`} label="Vraag" required error={errors.text}>
          <textarea
            {...fieldProps(`${id}-text`, errors.text, { required: true })}
            rows={4}
            className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        {consult.isError && (
          <p role="alert" className="field-error">
            Versturen lukte niet. {describeError(consult.error)}
          </p>
        )}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={consult.isPending}>
            Vraag versturen
          </button>
          <button type="button" className="btn-secondary" onClick={onClose}>
            Annuleren
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
