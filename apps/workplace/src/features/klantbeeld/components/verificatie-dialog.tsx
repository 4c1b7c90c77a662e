import { useId, useRef, useState } from 'react';
import type { Identificatie } from '@kcc/contracts/klantbeeld';
import { Field, fieldProps } from '../../../components/field';
import { ModalDialog } from '../../../components/modal-dialog';
import { ApiError, describeError } from '../../../lib/api-client';
import { useVerifyKlant } from '../api/verify-klant';
import {
  toVerificatieRequest,
  type VerificatieDraft,
  type VerificatieErrors,
} from '../utils/verificatie-input';

const INPUT = 'w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm';
const DATUM_HINT = 'Dag-maand-jaar, bijvoorbeeld 31-01-1990';

/**
 * "Verifiëren": the agent asks the resident for date of birth, postcode and huisnummer and types the answers.
 * The server compares them with the BRP; the dialog never shows the BRP values.
 */
export function VerificatieDialog({
  contactId,
  naam,
  pogingenOver,
  onClose,
  onVerified,
}: {
  contactId: string;
  naam: string;
  pogingenOver: number;
  onClose: () => void;
  onVerified: (identificatie: Identificatie) => void;
}) {
  const id = useId();
  const verify = useVerifyKlant(contactId);
  const [draft, setDraft] = useState<VerificatieDraft>({ geboortedatum: '', postcode: '', huisnummer: '' });
  const [errors, setErrors] = useState<VerificatieErrors>({});
  const [uitkomst, setUitkomst] = useState<{ pogingenOver: number } | undefined>();
  const eerste = useRef<HTMLInputElement>(null);
  const over = uitkomst?.pogingenOver ?? pogingenOver;
  const op = verify.error instanceof ApiError && verify.error.status === 429;
  const set = (field: keyof VerificatieDraft) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setDraft((d) => ({ ...d, [field]: event.target.value }));

  const submit = () => {
    const parsed = toVerificatieRequest(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    verify.mutate(parsed.body, {
      onSuccess: (res) => {
        if (res.resultaat === 'geverifieerd') onVerified(res.identificatie);
        else {
          setUitkomst({ pogingenOver: res.identificatie.verificatie.pogingenOver });
          // Ask again from the top: the first answer is selected, ready to be typed over.
          eerste.current?.focus();
          eerste.current?.select();
        }
      },
    });
  };

  return (
    <ModalDialog
      title="Klant verifiëren"
      description={`Vraag de klant naar deze gegevens en typ wat de klant zegt. Zeg zelf niets voor. Het systeem vergelijkt de antwoorden met de BRP voor ${naam}.`}
      onClose={onClose}
      testId="verificatie-dialog"
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Field id={`${id}-gd`} label="Geboortedatum" required hint={DATUM_HINT} error={errors.geboortedatum}>
          <input
            {...fieldProps(`${id}-gd`, errors.geboortedatum, { required: true, hint: DATUM_HINT })}
            ref={eerste}
            className={INPUT}
            autoComplete="off"
            inputMode="numeric"
            value={draft.geboortedatum}
            onChange={set('geboortedatum')}
          />
        </Field>
        <div className="flex gap-3">
          <Field id={`${id}-pc`} label="Postcode" required error={errors.postcode} className="flex-1">
            <input
              {...fieldProps(`${id}-pc`, errors.postcode, { required: true })}
              className={INPUT}
              autoComplete="off"
              value={draft.postcode}
              onChange={set('postcode')}
            />
          </Field>
          <Field id={`${id}-hn`} label="Huisnummer" required error={errors.huisnummer} className="w-32">
            <input
              {...fieldProps(`${id}-hn`, errors.huisnummer, { required: true })}
              className={INPUT}
              autoComplete="off"
              inputMode="numeric"
              value={draft.huisnummer}
              onChange={set('huisnummer')}
            />
          </Field>
        </div>
        <div aria-live="polite" data-testid="verificatie-uitkomst">
          {uitkomst && over > 0 && (
            <p className="field-error">
              De antwoorden kloppen niet. Vraag het de klant nog een keer. U kunt het nog {over} keer
              proberen.
            </p>
          )}
          {(op || (uitkomst && over === 0)) && (
            <p className="field-error">
              De antwoorden kloppen niet. Verifiëren kan bij dit contact niet meer. Help de klant zonder
              persoonlijke gegevens, of vraag de klant in te loggen met DigiD.
            </p>
          )}
          {verify.isError && !op && (
            <p role="alert" className="field-error">
              Verifiëren lukte niet. {describeError(verify.error)}
            </p>
          )}
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={verify.isPending || op || over === 0}>
            Controleren
          </button>
          <button type="button" className="btn-secondary" onClick={onClose}>
            Sluiten
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
