import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CHANNEL_LABELS, CHANNELS, type Channel } from '@kcc/contracts/domain';
import type { RegistrationRequest, RegistrationResponse } from '@kcc/contracts/rest';
import { Field, fieldProps } from '../../../components/field';
import { ModalDialog } from '../../../components/modal-dialog';
import { SHORTCUTS } from '../../../config/shortcuts';
import { ApiError, describeError } from '../../../lib/api-client';
import { useHotkey } from '../../../lib/use-hotkey';
import { useAfdelingen } from '../api/get-afdelingen';
import { useGespreksresultaten } from '../api/get-gespreksresultaten';
import { useRegisterContact } from '../api/register-contact';
import {
  useRegistrationDraft,
  useRegistrationDraftActions,
  type DraftField,
} from '../stores/registration-drafts-store';
import {
  LIMITS,
  mapInvalidParams,
  toRegistrationRequest,
  validateRegistration,
  type RegistrationErrors,
} from '../utils/registration-validation';
import { KanaalsturingBlock } from './kanaalsturing-block';
import { OnderwerpCombobox } from './onderwerp-combobox';
import { FormErrors } from '../../../components/form-errors';

interface RegistrationFormProps {
  contactId: string;
  channel: Channel;
  /** The partij the klantcontact is registered for, when known. */
  partij?: { uuid: string; naam: string };
  /** Questions already registered for this contact. */
  registrations: number;
  onRegistered?: (result: RegistrationResponse, afronden: boolean) => void;
}

const FIELD_ORDER: DraftField[] = [
  'onderwerp',
  'inhoud',
  'reactie',
  'kanaal',
  'gespreksresultaat',
  'afdeling',
  'gevraagdeHandeling',
  'toelichting',
];

export function RegistrationForm({
  contactId,
  channel,
  partij,
  registrations,
  onRegistered,
}: RegistrationFormProps) {
  const id = useId();
  const fid = (field: DraftField) => `${id}-${field}`;
  const draft = useRegistrationDraft(contactId, channel);
  const actions = useRegistrationDraftActions();
  const register = useRegisterContact(contactId);
  const gespreksresultaten = useGespreksresultaten();
  const afdelingen = useAfdelingen(draft.interneTaak);
  const [clientErrors, setClientErrors] = useState<RegistrationErrors>({});
  const [lastQuestionDone, setLastQuestionDone] = useState(false);
  useHotkey(SHORTCUTS.focusRegistration, () => document.getElementById(fid('onderwerp'))?.focus());

  // The server refused to close because an e-mail reply did not go out: the medewerker chooses (issue 14 §4).
  const [notSent, setNotSent] = useState<{ body: RegistrationRequest; idempotencyKey: string } | null>(null);
  const replyNotSent = register.error instanceof ApiError && isReplyNotSent(register.error);
  const server =
    register.error instanceof ApiError && !replyNotSent
      ? mapInvalidParams(register.error.invalidParams)
      : { fields: {}, general: [] };
  const errors: RegistrationErrors = { ...server.fields, ...clientErrors };
  const generalError =
    register.isError &&
    !replyNotSent &&
    Object.keys(server.fields).length === 0 &&
    server.general.length === 0
      ? register.error instanceof ApiError && register.error.isNetworkError
        ? 'Geen verbinding met de server. Uw registratie is bewaard: probeer het opnieuw. Er komt geen dubbele registratie.'
        : `Registreren is niet gelukt. ${describeError(register.error)}`
      : null;

  const edit = (field: DraftField, value: string | boolean) => {
    actions.draftEdited(contactId, channel, { [field]: value });
    setLastQuestionDone(false);
    if (clientErrors[field]) setClientErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const submit = (afronden: boolean) => {
    if (register.isPending) return;
    const found = validateRegistration(draft);
    setClientErrors(found);
    const firstInvalid = FIELD_ORDER.find((field) => found[field]);
    if (firstInvalid) {
      document.getElementById(fid(firstInvalid))?.focus();
      return;
    }
    const body = toRegistrationRequest(draft, { afronden, partijUuid: partij?.uuid });
    send(body, actions.submitStarted(contactId, channel));
  };

  const send = (body: RegistrationRequest, idempotencyKey: string) => {
    const afronden = body.afronden !== false;
    register.mutate(
      { body, idempotencyKey },
      {
        onSuccess: (result) => {
          if (!afronden) {
            setLastQuestionDone(true);
            document.getElementById(fid('onderwerp'))?.focus();
          }
          onRegistered?.(result, afronden);
        },
        onError: (error) => {
          if (error instanceof ApiError && isReplyNotSent(error)) setNotSent({ body, idempotencyKey });
        },
      },
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit(true);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit(!event.shiftKey);
    }
  };

  const errorCount = Object.keys(errors).length + server.general.length;
  const area = (field: 'inhoud' | 'reactie' | 'toelichting', label: string, rows: number) => (
    <Field id={fid(field)} label={label} error={errors[field]} hint={`Maximaal ${LIMITS[field]} tekens`}>
      <textarea
        {...fieldProps(fid(field), errors[field], { hint: `Maximaal ${LIMITS[field]} tekens` })}
        value={draft[field]}
        rows={rows}
        onChange={(e) => edit(field, e.target.value)}
        className="field"
      />
    </Field>
  );

  return (
    <>
      {notSent && (
        <ModalDialog
          title="Het antwoord is niet verstuurd. Toch afronden?"
          description="De inwoner heeft uw e-mail niet gekregen. Kijk bij het bericht waarom, en probeer het opnieuw. Rond alleen af als u het antwoord op een andere manier geeft."
          testId="reply-not-sent-dialog"
          onClose={() => {
            setNotSent(null);
            register.reset();
          }}
        >
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-primary"
              onClick={() => {
                setNotSent(null);
                register.reset();
              }}
            >
              Contact open laten
            </button>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                const { body, idempotencyKey } = notSent;
                setNotSent(null);
                send({ ...body, afrondenOndanksNietVerstuurd: true }, idempotencyKey);
              }}
            >
              Toch afronden
            </button>
          </div>
        </ModalDialog>
      )}
      <form
        data-testid="registration-form"
        aria-labelledby={`${id}-title`}
        noValidate
        onSubmit={onSubmit}
        onKeyDown={onKeyDown}
        className="panel space-y-3"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`${id}-title`} className="panel-title">
            Registratie
          </h2>
          <p className="text-sm text-slate-700">
            {partij ? `Klant: ${partij.naam}` : 'Nog geen klant gekoppeld'}
            {registrations > 0 &&
              ` · ${registrations} ${registrations === 1 ? 'vraag' : 'vragen'} geregistreerd`}
          </p>
        </div>

        <FormErrors
          errorCount={errorCount}
          general={server.general}
          generalError={generalError}
          pending={register.isPending}
        />
        <p role="status" className="text-sm text-green-900">
          {lastQuestionDone ? 'Vraag geregistreerd. Het contact blijft open voor de volgende vraag.' : ''}
        </p>

        <OnderwerpCombobox
          id={fid('onderwerp')}
          value={draft.onderwerp}
          onderwerpId={draft.onderwerpId}
          error={errors.onderwerp}
          maxLength={LIMITS.onderwerp}
          onChange={(value) => {
            actions.onderwerpEdited(contactId, channel, value);
            setLastQuestionDone(false);
            if (clientErrors.onderwerp) setClientErrors(({ onderwerp: _gone, ...rest }) => rest);
          }}
        />
        {area('inhoud', 'Vraag', 3)}
        {area('reactie', 'Antwoord / notitie', 3)}
        <KanaalsturingBlock
          channel={channel}
          kanaalsturing={draft.kanaalsturing}
          bronnen={draft.bronnen}
          onGewezenChange={(gewezen) => actions.gewezenOpPrimairKanaalChanged(contactId, channel, gewezen)}
          onRemoveKanaalsturing={() => actions.kanaalsturingRemoved(contactId)}
          onRemoveBron={(bronId) => actions.bronRemoved(contactId, bronId)}
        />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field id={fid('kanaal')} label="Kanaal" error={errors.kanaal} required>
            <select
              {...fieldProps(fid('kanaal'), errors.kanaal, { required: true })}
              value={draft.kanaal}
              onChange={(e) => edit('kanaal', e.target.value)}
              className="field"
            >
              {CHANNELS.map((value) => (
                <option key={value} value={value}>
                  {CHANNEL_LABELS[value]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={fid('gespreksresultaat')}
            label="Gespreksresultaat"
            error={
              errors.gespreksresultaat ??
              (gespreksresultaten.isError ? 'De lijst kon niet worden geladen.' : undefined)
            }
            required
          >
            <select
              {...fieldProps(fid('gespreksresultaat'), errors.gespreksresultaat, { required: true })}
              value={draft.gespreksresultaat}
              disabled={!gespreksresultaten.data}
              onChange={(e) => edit('gespreksresultaat', e.target.value)}
              className="field"
            >
              <option value="">Kies een resultaat</option>
              {gespreksresultaten.data?.map((item) => (
                <option key={item.code} value={item.code}>
                  {item.naam}
                </option>
              ))}
            </select>
          </Field>
        </div>

        <fieldset className="space-y-3 rounded border border-slate-300 p-3">
          <legend className="px-1 text-sm font-medium">Interne taak</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.interneTaak}
              onChange={(e) => edit('interneTaak', e.target.checked)}
              className="h-4 w-4"
            />
            Interne taak aanmaken voor een afdeling
          </label>
          {draft.interneTaak && (
            <>
              <Field
                id={fid('afdeling')}
                label="Afdeling"
                error={
                  errors.afdeling ??
                  (afdelingen.isError ? 'De afdelingen konden niet worden geladen.' : undefined)
                }
                required
              >
                <select
                  {...fieldProps(fid('afdeling'), errors.afdeling, { required: true })}
                  value={draft.afdeling}
                  disabled={!afdelingen.data}
                  onChange={(e) => edit('afdeling', e.target.value)}
                  className="field"
                >
                  <option value="">Kies een afdeling</option>
                  {afdelingen.data?.map((afdeling) => (
                    <option key={afdeling.actorUuid} value={afdeling.actorUuid}>
                      {afdeling.naam}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id={fid('gevraagdeHandeling')}
                label="Gevraagde handeling"
                error={errors.gevraagdeHandeling}
                required
              >
                <input
                  {...fieldProps(fid('gevraagdeHandeling'), errors.gevraagdeHandeling, { required: true })}
                  value={draft.gevraagdeHandeling}
                  onChange={(e) => edit('gevraagdeHandeling', e.target.value)}
                  className="field"
                />
              </Field>
              {area('toelichting', 'Toelichting', 2)}
            </>
          )}
        </fieldset>

        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            className="btn-primary"
            disabled={register.isPending}
            title={`Registreren en afronden (${SHORTCUTS.submitAndClose.label})`}
            aria-keyshortcuts="Control+Enter"
          >
            Registreren en afronden
          </button>
          <button
            type="button"
            className="btn-secondary"
            disabled={register.isPending}
            title={`Vraag registreren, contact blijft open (${SHORTCUTS.submitKeepOpen.label})`}
            aria-keyshortcuts="Control+Shift+Enter"
            onClick={() => submit(false)}
          >
            Vraag registreren, contact blijft open
          </button>
          {register.isPending && (
            <span role="status" className="self-center text-sm text-slate-700">
              {register.isPaused
                ? 'Geen verbinding. De registratie wordt verstuurd zodra de verbinding terug is.'
                : 'Bezig met registreren…'}
            </span>
          )}
        </div>
      </form>
    </>
  );
}

function isReplyNotSent(error: ApiError): boolean {
  return error.status === 409 && error.invalidParams.some((p) => p.code === 'reply_not_sent');
}
