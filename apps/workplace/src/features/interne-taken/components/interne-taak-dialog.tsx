import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { InterneTaakDetail } from '@kcc/contracts/interne-taken';
import { kanaalLabel } from '../../../components/channel-icon';
import { Field, fieldProps } from '../../../components/field';
import { ModalDialog } from '../../../components/modal-dialog';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useInterneTaak, useInterneTaakActies } from '../api/interne-taken';

/** One interne taak: where it came from, who has it, its notes; Oppakken, Notitie toevoegen, Afronden. */
export function InterneTaakDialog({ uuid, onClose }: { uuid: string; onClose: () => void }) {
  const taak = useInterneTaak(uuid);
  // Opened once loaded, so the dialog's first focus goes to its first action (Oppakken or Afronden).
  if (taak.isPending) return null;
  const title = taak.data?.gevraagdeHandeling ?? 'Interne taak';
  return (
    <ModalDialog
      title={title}
      description={taak.data ? beschrijving(taak.data) : undefined}
      onClose={onClose}
      testId="interne-taak-dialog"
    >
      {taak.isError && (
        <p role="alert" className="text-sm text-red-800">
          {describeError(taak.error)}
        </p>
      )}
      {taak.data && <TaakInhoud taak={taak.data} />}
      <div className="mt-4 flex justify-end">
        <button type="button" className="btn-secondary" onClick={onClose}>
          Sluiten
        </button>
      </div>
    </ModalDialog>
  );
}

function beschrijving(t: InterneTaakDetail): string {
  if (t.status === 'verwerkt') return 'Deze taak is afgerond.';
  if (t.medewerker) return `Deze taak ligt bij ${t.medewerker.naam}.`;
  return t.afdeling
    ? `Deze taak is voor ${t.afdeling.naam} en nog niet opgepakt.`
    : 'Deze taak is nog niet opgepakt.';
}

function Regel({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2">
      <dt className="font-medium text-slate-900">{label}</dt>
      <dd className="whitespace-pre-wrap text-slate-800">{children}</dd>
    </div>
  );
}

function TaakInhoud({ taak }: { taak: InterneTaakDetail }) {
  const id = useId();
  const acties = useInterneTaakActies(taak.uuid);
  const [tekst, setTekst] = useState('');
  const [fout, setFout] = useState<string>();
  const [melding, setMelding] = useState<string>();
  const kc = taak.klantcontact;
  const open = taak.status === 'te_verwerken';
  // While an action runs the buttons are aria-disabled, not disabled: a disabled button loses the focus, and a
  // pending action lasts until every interne-taken query is read again, so the taak (or a refetch after
  // `internetaken:changed`) can swap Oppakken for Afronden before it ends; Afronden must take the focus then.
  const bezig = acties.oppakken.isPending || acties.notitie.isPending || acties.afronden.isPending;
  const actiesRef = useRef<HTMLDivElement>(null);

  // When an action button is replaced by the next one (Oppakken → Afronden), the first action has the focus,
  // unless the user is elsewhere in the dialog.
  useEffect(() => {
    const active = document.activeElement;
    const dialog = actiesRef.current?.closest('[role="dialog"]');
    const lost = !active || active === document.body || active === dialog;
    if (!lost) return;
    // After Afronden no action is left: the dialog itself keeps the focus (Escape still closes it).
    const first = actiesRef.current?.querySelector<HTMLButtonElement>('button');
    if (first) first.focus();
    else if (dialog instanceof HTMLElement) dialog.focus();
  }, [taak.magOppakken, taak.magAfronden, taak.status]);

  const onError = (error: unknown) => {
    setMelding(undefined);
    setFout(describeError(error));
  };
  const done = (text: string) => () => {
    setFout(undefined);
    setMelding(text);
  };

  const notitieFout =
    acties.notitie.error instanceof ApiError && acties.notitie.error.invalidParams[0]
      ? invalidParamReason(acties.notitie.error.invalidParams[0])
      : undefined;
  const [leeg, setLeeg] = useState(false);
  const errorText = leeg ? 'Schrijf eerst een notitie.' : notitieFout;

  return (
    <div className="space-y-4 text-sm">
      <div ref={actiesRef} className="flex flex-wrap gap-2">
        {taak.magOppakken && (
          <button
            type="button"
            className="btn-primary"
            aria-disabled={bezig || undefined}
            onClick={() =>
              !bezig &&
              acties.oppakken.mutate(undefined, { onSuccess: done('U heeft de taak opgepakt.'), onError })
            }
          >
            Oppakken
          </button>
        )}
        {taak.magAfronden && (
          <button
            type="button"
            className="btn-primary"
            aria-disabled={bezig || undefined}
            onClick={() =>
              !bezig &&
              acties.afronden.mutate(undefined, { onSuccess: done('De taak is afgerond.'), onError })
            }
          >
            Afronden
          </button>
        )}
      </div>
      <p role="status" className="min-h-5 text-green-900" data-testid="taak-melding">
        {melding}
      </p>
      {fout && (
        <p role="alert" className="text-red-800">
          {fout}
        </p>
      )}

      <dl className="space-y-1" aria-label="Taak">
        <Regel label="Status">
          {open ? 'Open' : `Afgerond${taak.afgehandeldOp ? ` op ${formatDateTime(taak.afgehandeldOp)}` : ''}`}
        </Regel>
        <Regel label="Voor">{taak.toegewezenAan.map((a) => a.naam).join(', ')}</Regel>
        <Regel label="Opgepakt door">{taak.medewerker?.naam ?? 'Nog niemand'}</Regel>
        <Regel label="Sinds">{formatDateTime(taak.toegewezenOp)}</Regel>
        {taak.toelichting && <Regel label="Toelichting">{taak.toelichting}</Regel>}
      </dl>

      <section aria-labelledby={`${id}-kc`} className="space-y-1">
        <h3 id={`${id}-kc`} className="subsection-title">
          Uit klantcontact
        </h3>
        <dl className="space-y-1">
          <Regel label="Klant">{taak.partij?.naam ?? 'Onbekend'}</Regel>
          <Regel label="Onderwerp">{kc.onderwerp}</Regel>
          <Regel label="Kanaal">
            {kanaalLabel(kc.kanaal)}, {formatDateTime(kc.plaatsgevondenOp)}
          </Regel>
          {kc.medewerker && <Regel label="Vastgelegd door">{kc.medewerker}</Regel>}
          <Regel label="Vraag van de klant">{kc.inhoud || 'Niet ingevuld'}</Regel>
          {kc.reactie && <Regel label="Antwoord">{kc.reactie}</Regel>}
        </dl>
      </section>

      <section aria-labelledby={`${id}-notities`} className="space-y-2">
        <h3 id={`${id}-notities`} className="subsection-title">
          Notities
        </h3>
        {taak.notities.length === 0 ? (
          <p className="text-slate-700">Nog geen notities.</p>
        ) : (
          <ol className="space-y-1" data-testid="taak-notities">
            {taak.notities.map((n) => (
              <li key={n.id} className="rounded-md bg-slate-100 p-2">
                <p className="text-xs text-slate-700">
                  {n.auteur}, <time dateTime={n.aangemaaktOp}>{formatDateTime(n.aangemaaktOp)}</time>
                </p>
                <p className="whitespace-pre-wrap text-slate-900">{n.tekst}</p>
              </li>
            ))}
          </ol>
        )}
        {open && (
          <form
            className="space-y-2"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (bezig) return;
              if (tekst.trim() === '') {
                setLeeg(true);
                return;
              }
              setLeeg(false);
              acties.notitie.mutate(tekst.trim(), {
                onSuccess: () => {
                  setTekst('');
                  done('Notitie opgeslagen.')();
                },
                onError: (error) => {
                  if (!(error instanceof ApiError && error.invalidParams.length > 0)) onError(error);
                },
              });
            }}
          >
            <Field id={`${id}-notitie`} label="Notitie" error={errorText}>
              <textarea
                {...fieldProps(`${id}-notitie`, errorText)}
                rows={2}
                maxLength={2000}
                className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
                value={tekst}
                onChange={(e) => {
                  setTekst(e.target.value);
                  setLeeg(false);
                }}
              />
            </Field>
            <button type="submit" className="btn-secondary" aria-disabled={bezig || undefined}>
              Notitie toevoegen
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
