import { useEffect, useId, useRef, useState } from 'react';
import { NAWERK_NOTITIE_MAX } from '@kcc/contracts/onderwerpen';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { saveNawerkNotitie, useNawerkNotitie, useSaveNawerkNotitie } from '../api/nawerk-notitie';

/**
 * The agent's notes after a registration (nawerk): kept with the contact and shown with it in the history. Saved
 * with "Notitie opslaan" (Ctrl+Enter), when the field loses focus, and when nawerk ends with unsaved text.
 */
export function NawerkNotitieField({ contactId }: { contactId: string }) {
  const id = useId();
  const stored = useNawerkNotitie(contactId);
  const save = useSaveNawerkNotitie(contactId);
  const [text, setText] = useState<string | undefined>(undefined);
  const value = text ?? stored.data?.tekst ?? '';
  const savedText = stored.data?.tekst ?? '';
  const tooLong = value.length > NAWERK_NOTITIE_MAX;
  const dirty = stored.isSuccess && value !== savedText;

  // Leaving nawerk unmounts the field: what was typed and not saved still goes to the server.
  const pending = useRef({ dirty: false, tooLong: false, value: '' });
  // Writing the note is the next thing to do after registering: start there.
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textareaRef.current?.focus(), []);
  useEffect(() => {
    pending.current = { dirty, tooLong, value };
  });
  useEffect(
    () => () => {
      const { dirty: unsaved, tooLong: invalid, value: last } = pending.current;
      if (unsaved && !invalid) void saveNawerkNotitie(contactId, last).catch(() => undefined);
    },
    [contactId],
  );

  const submit = () => {
    if (!dirty || tooLong || save.isPending) return;
    save.mutate(value);
  };

  const error = tooLong
    ? `De notitie mag maximaal ${NAWERK_NOTITIE_MAX} tekens hebben. Haal ${value.length - NAWERK_NOTITIE_MAX} tekens weg.`
    : save.isError
      ? `Opslaan is niet gelukt. ${describeError(save.error)}`
      : undefined;
  const hint = `Wordt bewaard bij dit contact en is te zien bij eerdere contacten. Nog ${Math.max(0, NAWERK_NOTITIE_MAX - value.length)} tekens.`;
  const status = save.isPending
    ? 'Bezig met opslaan…'
    : dirty
      ? 'Niet opgeslagen'
      : stored.data?.updatedAt
        ? `Opgeslagen om ${formatTime(stored.data.updatedAt)}`
        : '';

  return (
    <div className="mt-3 space-y-1" data-testid="nawerk-notitie">
      <label htmlFor={`${id}-tekst`} className="block text-sm font-medium">
        Aantekeningen bij dit contact
      </label>
      <textarea
        id={`${id}-tekst`}
        rows={3}
        value={value}
        readOnly={!stored.isSuccess}
        ref={textareaRef}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => setText(e.target.value)}
        onBlur={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        className="field bg-white"
      />
      <p id={`${id}-hint`} className="text-xs">
        {stored.isError ? `De notitie kon niet laden. ${describeError(stored.error)}` : hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button
          type="button"
          className="btn-secondary"
          disabled={!dirty || tooLong || save.isPending}
          onClick={submit}
          aria-keyshortcuts="Control+Enter"
        >
          Notitie opslaan
        </button>
        <p role="status" className="text-sm">
          {status}
        </p>
      </div>
    </div>
  );
}
