import { useId, useState, type FormEvent } from 'react';
import type { ContactFrom } from '@kcc/contracts/domain';
import type { LinkPartijRequest } from '@kcc/contracts/rest';
import { Field, fieldProps } from '../../../components/field';

type Values = { voornaam: string; voorvoegselAchternaam: string; achternaam: string } & Record<
  'telefoonnummer' | 'email' | 'bsn',
  string
>;
type Errors = Partial<Record<keyof Values, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateNewPartij(values: Values): Errors {
  const errors: Errors = {};
  if (values.achternaam.trim() === '') errors.achternaam = 'Vul de achternaam in.';
  else if (values.achternaam.trim().length > 200) errors.achternaam = 'De achternaam is te lang.';
  if (values.voorvoegselAchternaam.trim().length > 10) errors.voorvoegselAchternaam = 'Maximaal 10 tekens.';
  if (values.email.trim() !== '' && !EMAIL.test(values.email.trim()))
    errors.email = 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.';
  if (values.bsn.trim() !== '' && !/^[0-9]{9}$/.test(values.bsn.trim()))
    errors.bsn = 'Een BSN heeft 9 cijfers.';
  if (values.telefoonnummer.trim().length > 40) errors.telefoonnummer = 'Het telefoonnummer is te lang.';
  return errors;
}

function toRequest(values: Values): LinkPartijRequest {
  const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
  return {
    nieuw: {
      voornaam: optional(values.voornaam),
      voorvoegselAchternaam: optional(values.voorvoegselAchternaam),
      achternaam: values.achternaam.trim(),
      telefoonnummer: optional(values.telefoonnummer),
      email: optional(values.email),
      bsn: optional(values.bsn),
    },
  };
}

interface NewPartijFormProps {
  from: ContactFrom;
  linking: boolean;
  /** Server-side reasons per field (from invalidParams `nieuw.<field>`). */
  serverErrors: Errors;
  onCreate: (body: LinkPartijRequest) => void;
  onCancel: () => void;
}

/** "Nieuwe klant aanmaken": a persoon with the caller's number or address already filled in. */
export function NewPartijForm({ from, linking, serverErrors, onCreate, onCancel }: NewPartijFormProps) {
  const id = useId();
  const [values, setValues] = useState<Values>({
    voornaam: '',
    voorvoegselAchternaam: '',
    achternaam: '',
    telefoonnummer: from.phone ?? '',
    email: from.email ?? '',
    bsn: from.bsn ?? '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const shown: Errors = { ...serverErrors, ...errors };

  const set = (key: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateNewPartij(values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    onCreate(toRequest(values));
  };

  const input = (
    key: keyof Values,
    label: string,
    extra: { type?: string; required?: boolean; hint?: string } = {},
  ) => (
    <Field id={`${id}-${key}`} label={label} error={shown[key]} hint={extra.hint} required={extra.required}>
      <input
        {...fieldProps(`${id}-${key}`, shown[key], { hint: extra.hint, required: extra.required })}
        type={extra.type ?? 'text'}
        value={values[key]}
        onChange={set(key)}
        className="field"
      />
    </Field>
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="space-y-3"
      data-testid="new-partij-form"
    >
      <h4 id={`${id}-title`} className="font-semibold">
        Nieuwe klant aanmaken
      </h4>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1fr_3fr]">
        {input('voornaam', 'Voornaam')}
        {input('voorvoegselAchternaam', 'Tussenvoegsel')}
        {input('achternaam', 'Achternaam', { required: true })}
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {input('telefoonnummer', 'Telefoonnummer', { type: 'tel' })}
        {input('email', 'E-mailadres', { type: 'email' })}
        {input('bsn', 'BSN', { hint: '9 cijfers' })}
      </div>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={linking}>
          Klant aanmaken en koppelen
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
