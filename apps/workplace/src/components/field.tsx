import type { ReactNode } from 'react';

/** Props that tie an input to its label, error and hint for screen readers. */
export function fieldProps(id: string, error?: string, options: { hint?: string; required?: boolean } = {}) {
  const { hint, required } = options;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-required': required ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  className?: string;
  children: ReactNode;
}

/**
 * Label above, control, then hint and error (B1 text, announced through aria-describedby). The visible `*`
 * is hidden from screen readers; give the control `aria-required` (via `fieldProps`) instead.
 */
export function Field({ id, label, error, hint, required, className = '', children }: FieldProps) {
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
        {required && (
          <span className="text-red-800" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-700">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
