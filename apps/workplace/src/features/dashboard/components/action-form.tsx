import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Field, fieldProps } from '../../../components/field';

export interface ValidationIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
}

/**
 * The first message per top-level field of a failed zod parse. The contract's reason schema carries a Dutch
 * message; zod's English default for "too long" gets a Dutch one.
 */
export function issuesByField(issues: readonly ValidationIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    errors[key] ??= issue.code === 'too_big' ? 'Deze tekst is te lang.' : issue.message;
  }
  return errors;
}

const REASON_HINT = 'De reden wordt vastgelegd bij deze actie.';

interface ActionFormProps {
  submitLabel: string;
  pending: boolean;
  /** Error from the server (already in Dutch). */
  error: string | null;
  /** Field errors from validation; `reason` is shown under the reason field. */
  fieldErrors: Record<string, string>;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
  children?: ReactNode;
}

/**
 * The body of every team-leader action: the action's own fields, a required reason (it is logged with the
 * action), the server's answer, and Annuleren / submit.
 */
export function ActionForm({
  submitLabel,
  pending,
  error,
  fieldErrors,
  onSubmit,
  onCancel,
  children,
}: ActionFormProps) {
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const reasonError = fieldErrors.reason;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(reason);
  };

  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      {children}
      <Field id={reasonId} label="Reden" required error={reasonError} hint={REASON_HINT}>
        <textarea
          {...fieldProps(reasonId, reasonError, { required: true, hint: REASON_HINT })}
          className="field min-h-20"
          value={reason}
          maxLength={500}
          onChange={(event) => setReason(event.target.value)}
        />
      </Field>
      {error && (
        <p role="alert" className="rounded border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Annuleren
        </button>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? 'Bezig…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
