import { useId, useState } from 'react';
import type { TransferResponse } from '@kcc/contracts/channels';
import type { Contact } from '@kcc/contracts/domain';
import { Field, fieldProps } from '../../../components/field';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import { useColleagues } from '../api/get-colleagues';
import { useTransferContact } from '../api/transfer-contact';
import { byAvailability, colleagueOptionLabel } from '../utils/presence-label';
import { ModalDialog } from '../../../components/modal-dialog';

const NOTE_MAX = 2000;

interface TransferDialogProps {
  contact: Contact;
  /** The unfinished registration to hand over (undefined: nothing typed). */
  getDraft: () => Record<string, unknown> | undefined;
  onClose: () => void;
  onTransferred: (result: TransferResponse, targetName: string) => void;
}

type Errors = Partial<Record<'queue' | 'colleague' | 'note', string>>;

/** "Doorverbinden": to a queue or to an available colleague, with a note; the draft goes along. */
export function TransferDialog({ contact, getDraft, onClose, onTransferred }: TransferDialogProps) {
  const id = useId();
  const colleagues = useColleagues();
  const [kind, setKind] = useState<'queue' | 'colleague'>('colleague');
  const [queue, setQueue] = useState('');
  const [colleague, setColleague] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const queues = (colleagues.data?.queues ?? []).filter((q) => q.channels.includes(contact.channel));
  const people = [...(colleagues.data?.items ?? [])].sort(byAvailability);
  const targetName =
    kind === 'queue'
      ? (queues.find((q) => q.id === queue)?.name ?? queue)
      : (people.find((p) => p.id === colleague)?.name ?? colleague);
  const transfer = useTransferContact(contact.id, (result) => onTransferred(result, targetName));

  const submit = () => {
    const next: Errors = {};
    if (kind === 'queue' && queue === '') next.queue = 'Kies een wachtrij.';
    if (kind === 'colleague' && colleague === '') next.colleague = 'Kies een collega.';
    if (note.trim().length > NOTE_MAX) next.note = `De notitie is te lang: hooguit ${NOTE_MAX} tekens.`;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const draft = getDraft();
    transfer.mutate(
      {
        target: kind === 'queue' ? { toQueue: queue } : { toAgentId: colleague },
        note: note.trim(),
        ...(draft ? { draft } : {}),
      },
      {
        onError: (error) => {
          if (error instanceof ApiError && error.invalidParams.length > 0) {
            const mapped: Errors = {};
            for (const p of error.invalidParams) {
              if (p.name === 'toQueue') mapped.queue = invalidParamReason(p);
              else if (p.name === 'toAgentId') mapped.colleague = invalidParamReason(p);
              else if (p.name === 'note') mapped.note = invalidParamReason(p);
            }
            setErrors(mapped);
          }
        },
      },
    );
  };

  const generalError =
    transfer.isError && !(transfer.error instanceof ApiError && transfer.error.invalidParams.length > 0)
      ? describeError(transfer.error)
      : null;

  return (
    <ModalDialog
      title="Doorverbinden"
      description="De ontvanger ziet het hele contact: berichten, notities, de klant en uw concept."
      onClose={onClose}
      testId="transfer-dialog"
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-900">Naar wie?</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === 'colleague'}
              onChange={() => setKind('colleague')}
            />
            Naar een collega
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === 'queue'}
              onChange={() => setKind('queue')}
            />
            Naar een wachtrij
          </label>
        </fieldset>
        {colleagues.isError && (
          <p role="alert" className="field-error">
            Collega's en wachtrijen konden niet laden. {describeError(colleagues.error)}
          </p>
        )}
        {kind === 'colleague' ? (
          <Field
            id={`${id}-colleague`}
            label="Collega"
            required
            error={errors.colleague}
            hint="Alleen een beschikbare collega met ruimte kan het contact aannemen."
          >
            <select
              {...fieldProps(`${id}-colleague`, errors.colleague, {
                required: true,
                hint: 'Alleen een beschikbare collega met ruimte kan het contact aannemen.',
              })}
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
        ) : (
          <Field id={`${id}-queue`} label="Wachtrij" required error={errors.queue}>
            <select
              {...fieldProps(`${id}-queue`, errors.queue, { required: true })}
              className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
              value={queue}
              onChange={(e) => setQueue(e.target.value)}
            >
              <option value="">{colleagues.isPending ? 'Laden…' : 'Kies een wachtrij'}</option>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                  {q.id === contact.queue ? ' (huidige wachtrij)' : ''}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id={`${id}-note`} label="Notitie voor de ontvanger" error={errors.note}>
          <textarea
            {...fieldProps(`${id}-note`, errors.note)}
            rows={3}
            className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        {generalError && (
          <p role="alert" className="field-error">
            Doorverbinden lukte niet. {generalError}
          </p>
        )}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={transfer.isPending}>
            {transfer.isPending ? 'Bezig…' : 'Doorverbinden'}
          </button>
          <button type="button" className="btn-secondary" onClick={onClose}>
            Annuleren
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
