import { useId, useRef, useState } from 'react';
import { Field, fieldProps } from '../../../components/field';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import { useQuickReplies } from '../api/get-quick-replies';
import { QuickReplyInput, type QuickReplyView } from '../api/quick-reply-schemas';
import { useDeleteQuickReply, useSaveQuickReply } from '../api/save-quick-reply';

type FormValues = { code: string; title: string; body: string };
type FieldErrors = Partial<Record<keyof FormValues, string>>;
const EMPTY: FormValues = { code: '', title: '', body: '' };

/** The beheerder maintains the quick replies agents insert with `/code` in a chat or e-mail. */
export function QuickRepliesBeheer() {
  const id = useId();
  const list = useQuickReplies();
  const save = useSaveQuickReply();
  const remove = useDeleteQuickReply();
  const [editing, setEditing] = useState<string | undefined>();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const startEdit = (reply: QuickReplyView) => {
    setEditing(reply.id);
    setValues({ code: reply.code, title: reply.title, body: reply.body });
    setErrors({});
    setMessage(null);
    codeRef.current?.focus();
  };
  const reset = () => {
    setEditing(undefined);
    setValues(EMPTY);
    setErrors({});
  };

  const submit = () => {
    const parsed = QuickReplyInput.safeParse(values);
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof FormValues;
        next[key] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    save.mutate(
      { ...(editing !== undefined ? { id: editing } : {}), input: parsed.data },
      {
        onSuccess: (saved) => {
          setMessage(`Snel antwoord /${saved.code} is opgeslagen.`);
          reset();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.invalidParams.length > 0) {
            const next: FieldErrors = {};
            for (const p of error.invalidParams) {
              if (p.name === 'code' || p.name === 'title' || p.name === 'body')
                next[p.name] ??= invalidParamReason(p);
            }
            setErrors(next);
          }
          setMessage(null);
        },
      },
    );
  };

  const set = (key: keyof FormValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="quick-replies-beheer" className="panel space-y-4">
      <h2 id={`${id}-heading`} className="panel-title">
        Snelle antwoorden
      </h2>
      <p className="text-sm text-slate-700">
        Medewerkers typen in een chat of e-mail een / met de code, bijvoorbeeld{' '}
        <kbd className="kbd">/welkom</kbd>.
      </p>
      <form
        className="space-y-3"
        aria-label={editing ? 'Snel antwoord wijzigen' : 'Snel antwoord toevoegen'}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Field
          id={`${id}-code`}
          label="Code"
          required
          error={errors.code}
          hint="Kleine letters, cijfers en -"
        >
          <input
            ref={codeRef}
            {...fieldProps(`${id}-code`, errors.code, {
              required: true,
              hint: 'Kleine letters, cijfers en -',
            })}
            className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
            value={values.code}
            onChange={(e) => set('code')(e.target.value)}
          />
        </Field>
        <Field id={`${id}-title`} label="Titel" required error={errors.title}>
          <input
            {...fieldProps(`${id}-title`, errors.title, { required: true })}
            className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
            value={values.title}
            onChange={(e) => set('title')(e.target.value)}
          />
        </Field>
        <Field id={`${id}-body`} label="Tekst" required error={errors.body}>
          <textarea
            {...fieldProps(`${id}-body`, errors.body, { required: true })}
            rows={4}
            className="w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm"
            value={values.body}
            onChange={(e) => set('body')(e.target.value)}
          />
        </Field>
        {save.isError && !(save.error instanceof ApiError && save.error.invalidParams.length > 0) && (
          <p role="alert" className="field-error">
            Opslaan lukte niet. {describeError(save.error)}
          </p>
        )}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={save.isPending}>
            {editing ? 'Opslaan' : 'Toevoegen'}
          </button>
          {editing && (
            <button type="button" className="btn-secondary" onClick={reset}>
              Annuleren
            </button>
          )}
        </div>
      </form>
      <p role="status" className="text-sm text-slate-900">
        {message ?? ''}
      </p>
      {list.isPending ? (
        <p className="text-sm text-slate-700">Laden…</p>
      ) : list.isError ? (
        <p role="alert" className="field-error">
          De snelle antwoorden konden niet laden. {describeError(list.error)}
        </p>
      ) : list.data.length === 0 ? (
        <p className="text-sm text-slate-700">Er zijn nog geen snelle antwoorden.</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {list.data.map((reply) => (
            <li
              key={reply.id}
              data-testid="quick-reply-item"
              data-code={reply.code}
              className="space-y-1 py-2"
            >
              <p className="text-sm">
                <span className="font-semibold">/{reply.code}</span> · {reply.title}
              </p>
              <p className="whitespace-pre-wrap text-sm text-slate-700">{reply.body}</p>
              <div className="flex gap-2">
                <button
                  type="button"
                  className="btn-secondary"
                  aria-label={`Wijzigen: /${reply.code}`}
                  onClick={() => startEdit(reply)}
                >
                  Wijzigen
                </button>
                {confirmDelete === reply.id ? (
                  <button
                    type="button"
                    className="btn-secondary"
                    aria-label={`Echt verwijderen: /${reply.code}`}
                    disabled={remove.isPending}
                    onClick={() =>
                      remove.mutate(reply.id, {
                        onSuccess: () => {
                          setMessage(`Snel antwoord /${reply.code} is verwijderd.`);
                          setConfirmDelete(null);
                          if (editing === reply.id) reset();
                        },
                        onError: (error) => setMessage(`Verwijderen lukte niet. ${describeError(error)}`),
                      })
                    }
                  >
                    Echt verwijderen?
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn-secondary"
                    aria-label={`Verwijderen: /${reply.code}`}
                    onClick={() => setConfirmDelete(reply.id)}
                  >
                    Verwijderen
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
