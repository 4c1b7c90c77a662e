import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { KlantbeeldDoel } from '@kcc/contracts/klantbeeld';
import { Field, fieldProps } from '../../../components/field';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import { useDoelen } from '../api/get-doelen';
import { useZoekKlanten } from '../api/zoek-klanten';
import { useKlantZoekenFocusRequest } from '../stores/klant-zoeken-store';
import {
  EMPTY_VALUES,
  fieldOfParam,
  fieldsFor,
  validateZoek,
  ZOEK_OP,
  zoekParams,
  type ZoekErrors,
  type ZoekField,
  type ZoekOp,
  type ZoekSoort,
  type ZoekValues,
} from '../utils/zoek-form';
import type { GekozenKlant, ZoekResultaat } from '../utils/zoek-resultaat';
import { ZoekResultatenList } from './zoek-resultaten';

export type Doelkeuze = { contactId: string } | { doel: KlantbeeldDoel };

const FIELD_LABELS: Record<
  Exclude<ZoekField, 'doel'>,
  { label: string; hint?: string; inputMode?: 'numeric' }
> = {
  bsn: { label: 'BSN', hint: '9 cijfers', inputMode: 'numeric' },
  geslachtsnaam: { label: 'Achternaam', hint: 'Zonder tussenvoegsel: dus Berg, niet van den Berg' },
  geboortedatum: { label: 'Geboortedatum', hint: 'dag-maand-jaar, bijvoorbeeld 07-07-1970' },
  postcode: { label: 'Postcode', hint: 'Bijvoorbeeld 1234 AB' },
  huisnummer: { label: 'Huisnummer', hint: 'Alleen het nummer', inputMode: 'numeric' },
  kvkNummer: { label: 'KvK-nummer', hint: '8 cijfers', inputMode: 'numeric' },
  naam: { label: 'Naam van het bedrijf' },
};

interface KlantZoekenProps {
  /** The open contact: its id is the purpose of the search. Without it the agent chooses a purpose. */
  contact?: { id: string; label: string };
  onOpen: (klant: GekozenKlant, doel: Doelkeuze) => void;
  onClose: () => void;
}

/** "Klant opzoeken": a resident in the BRP or a company in the Handelsregister, always with a purpose. */
export function KlantZoeken({ contact, onOpen, onClose }: KlantZoekenProps) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [soort, setSoort] = useState<ZoekSoort>('persoon');
  const [op, setOp] = useState<ZoekOp>('bsn');
  const [values, setValues] = useState<ZoekValues>(EMPTY_VALUES);
  const [errors, setErrors] = useState<ZoekErrors>({});
  const [zoekDoel, setZoekDoel] = useState<Doelkeuze>();
  const zoek = useZoekKlanten();
  const doelen = useDoelen(!contact);
  const focusRequest = useKlantZoekenFocusRequest();

  useEffect(() => {
    headingRef.current?.focus();
  }, [focusRequest]);

  const visible = [...fieldsFor(soort, op), ...(contact ? [] : (['doel'] as const))];
  const serverErrors: ZoekErrors = {};
  let unplacedServerError = false;
  if (zoek.error instanceof ApiError) {
    for (const param of zoek.error.invalidParams) {
      const field = fieldOfParam(param.name, visible);
      if (field) serverErrors[field] ??= invalidParamReason(param);
      else unplacedServerError = true;
    }
  }
  const shown: ZoekErrors = { ...serverErrors, ...errors };
  const generalError = zoek.isError && (Object.keys(serverErrors).length === 0 || unplacedServerError);

  const chooseSoort = (next: ZoekSoort) => {
    setSoort(next);
    setOp(ZOEK_OP[next][0]!.op);
    setErrors({});
    zoek.reset();
  };
  const chooseOp = (next: ZoekOp) => {
    setOp(next);
    setErrors({});
    zoek.reset();
  };
  const set = (field: ZoekField) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateZoek(soort, op, values, { doelNodig: !contact });
    setErrors(found);
    const first = visible.find((f) => found[f]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const doel: Doelkeuze = contact ? { contactId: contact.id } : { doel: values.doel as KlantbeeldDoel };
    setZoekDoel(doel);
    zoek.mutate({ soort, params: zoekParams(soort, op, values, doel) });
  };

  const open = (r: ZoekResultaat) => {
    if (zoekDoel) onOpen(r.klant, zoekDoel);
  };

  const radio = (name: string, value: string, label: string, checked: boolean, onChange: () => void) => (
    <label key={value} className="inline-flex items-center gap-1.5 text-sm">
      <input type="radio" name={`${id}-${name}`} value={value} checked={checked} onChange={onChange} />
      {label}
    </label>
  );

  return (
    <section aria-labelledby={`${id}-title`} data-testid="klant-zoeken" className="panel space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="panel-title">
          Klant opzoeken
        </h2>
        <button type="button" className="btn-link text-sm" onClick={onClose}>
          Klant opzoeken sluiten
        </button>
      </div>
      <form noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`} className="space-y-3">
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
          <legend className="mb-1 text-sm font-medium">Wie zoekt u?</legend>
          {radio('soort', 'persoon', 'Inwoner', soort === 'persoon', () => chooseSoort('persoon'))}
          {radio('soort', 'organisatie', 'Bedrijf', soort === 'organisatie', () =>
            chooseSoort('organisatie'),
          )}
        </fieldset>
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
          <legend className="mb-1 text-sm font-medium">Zoeken op</legend>
          {ZOEK_OP[soort].map((o) => radio('op', o.op, o.label, op === o.op, () => chooseOp(o.op)))}
        </fieldset>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {fieldsFor(soort, op).map((field) => {
            const meta = FIELD_LABELS[field as Exclude<ZoekField, 'doel'>];
            const fieldId = `${id}-${field}`;
            return (
              <Field
                key={field}
                id={fieldId}
                label={meta.label}
                hint={meta.hint}
                error={shown[field]}
                required
              >
                <input
                  {...fieldProps(fieldId, shown[field], { hint: meta.hint, required: true })}
                  type="text"
                  inputMode={meta.inputMode}
                  autoComplete="off"
                  value={values[field]}
                  onChange={set(field)}
                  className="field"
                />
              </Field>
            );
          })}
        </div>
        {contact ? (
          <p className="text-sm" data-testid="zoek-doel">
            <span className="font-medium">Doel:</span> het open contact met {contact.label}. Dit wordt
            vastgelegd.
          </p>
        ) : (
          <Field
            id={`${id}-doel`}
            label="Doel"
            hint="U heeft geen contact open. Kies waarom u deze gegevens nodig heeft; dit wordt vastgelegd."
            error={shown.doel}
            required
          >
            <select
              {...fieldProps(`${id}-doel`, shown.doel, {
                hint: 'U heeft geen contact open. Kies waarom u deze gegevens nodig heeft; dit wordt vastgelegd.',
                required: true,
              })}
              value={values.doel}
              onChange={set('doel')}
              className="field"
              disabled={!doelen.data}
            >
              <option value="">{doelen.isError ? 'Doelen konden niet laden' : 'Kies een doel'}</option>
              {doelen.data?.items.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        {doelen.isError && (
          <p role="alert" className="text-sm text-red-800">
            De lijst met doelen kon niet laden. {describeError(doelen.error)}
          </p>
        )}
        <button type="submit" className="btn-primary" disabled={zoek.isPending}>
          Zoeken
        </button>
      </form>
      {generalError && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          Zoeken is niet gelukt. {describeError(zoek.error)}
        </p>
      )}
      <div aria-live="polite" className="text-sm text-slate-700">
        {zoek.isPending && <p>Zoeken…</p>}
        {zoek.data?.items.length === 0 && <p>Niemand gevonden. Controleer wat u heeft ingevuld.</p>}
        {zoek.data && zoek.data.items.length > 0 && (
          <p>
            {zoek.data.items.length === 1
              ? '1 resultaat gevonden.'
              : `${zoek.data.items.length} resultaten gevonden.`}
          </p>
        )}
      </div>
      {zoek.data && zoek.data.items.length > 0 && (
        <ZoekResultatenList items={zoek.data.items} maximumBereikt={zoek.data.maximumBereikt} onOpen={open} />
      )}
    </section>
  );
}
