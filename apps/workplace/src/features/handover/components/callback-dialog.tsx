import { useId, useState } from 'react';
import { CallbackRequest } from '@kcc/contracts/channels';
import type { Contact } from '@kcc/contracts/domain';
import { Field, fieldProps } from '../../../components/field';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useCreateCallback } from '../api/callback';
import { localInputToIso, toLocalInput } from '../utils/local-datetime';
import { ModalDialog } from '../../../components/modal-dialog';

type FieldName = 'telefoonnummer' | 'voorkeurVan' | 'voorkeurTot' | 'notitie';
type Errors = Partial<Record<FieldName, string>>;

const REASONS: Partial<Record<FieldName, string>> = {
  telefoonnummer: 'Vul een geldig telefoonnummer in (cijfers, spaties, +, ( ) en -).',
  voorkeurTot: '"Bellen tot" moet na "Bellen vanaf" liggen, hooguit 60 dagen later.',
  notitie: 'De notitie is te lang: hooguit 2000 tekens.',
};

/** "Terugbelverzoek maken": number (prefilled), preferred window and a note; offered to an agent when due. */
export function CallbackDialog({
  contact,
  phone,
  onClose,
  onCreated,
}: {
  contact: Contact;
  /** Best known number: the caller's, or the recognised partij's. */
  phone: string | undefined;
  onClose: () => void;
  onCreated: (text: string) => void;
}) {
  const id = useId();
  const create = useCreateCallback(contact.id);
  const [values, setValues] = useState({
    telefoonnummer: phone ?? '',
    voorkeurVan: toLocalInput(new Date()),
    voorkeurTot: '',
    notitie: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = () => {
    const van = localInputToIso(values.voorkeurVan);
    const tot = localInputToIso(values.voorkeurTot);
    const input = {
      telefoonnummer: values.telefoonnummer,
      ...(van ? { voorkeurVan: van } : {}),
      ...(tot ? { voorkeurTot: tot } : {}),
      ...(values.notitie.trim() !== '' ? { notitie: values.notitie.trim() } : {}),
    };
    const parsed = CallbackRequest.safeParse(input);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as FieldName;
        next[key] ??= REASONS[key] ?? issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (result) =>
        onCreated(
          `Terugbelverzoek opgeslagen: ${result.terugbelverzoek.telefoonnummer}, vanaf ${formatDateTime(
            result.terugbelverzoek.voorkeurVan,
          )}.`,
        ),
      onError: (error) => {
        if (error instanceof ApiError && error.invalidParams.length > 0) {
          const next: Errors = {};
          for (const p of error.invalidParams) {
            const key = p.name as FieldName;
            if (key in REASONS || key === 'voorkeurVan') next[key] ??= invalidParamReason(p);
          }
          setErrors(next);
        }
      },
    });
  };

  const text = (key: FieldName, label: string, type: 'tel' | 'datetime-local', required = false) => (
    <Field id={`${id}-${key}`} label={label} required={required} error={errors[key]}>
      <input
        {...fieldProps(`${id}-${key}`, errors[key], { required })}
        type={type}
        className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
        value={values[key]}
        onChange={(e) => set(key)(e.target.value)}
      />
    </Field>
  );

  return (
    <ModalDialog
      title="Terugbelverzoek maken"
      description="Het verzoek komt op het gekozen moment als contact in de wachtrij."
      onClose={onClose}
      testId="callback-dialog"
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {text('telefoonnummer', 'Telefoonnummer', 'tel', true)}
        <div className="grid grid-cols-2 gap-3">
          {text('voorkeurVan', 'Bellen vanaf', 'datetime-local')}
          {text('voorkeurTot', 'Bellen tot', 'datetime-local')}
        </div>
        <Field id={`${id}-notitie`} label="Notitie" error={errors.notitie}>
          <textarea
            {...fieldProps(`${id}-notitie`, errors.notitie)}
            rows={3}
            className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
            value={values.notitie}
            onChange={(e) => set('notitie')(e.target.value)}
          />
        </Field>
        {create.isError && !(create.error instanceof ApiError && create.error.invalidParams.length > 0) && (
          <p role="alert" className="field-error">
            Opslaan lukte niet. {describeError(create.error)}
          </p>
        )}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            Terugbelverzoek opslaan
          </button>
          <button type="button" className="btn-secondary" onClick={onClose}>
            Annuleren
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
