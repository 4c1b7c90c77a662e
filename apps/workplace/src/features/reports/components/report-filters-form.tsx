import { useId, useState, type FormEvent } from 'react';
import { CHANNEL_LABELS, CHANNELS, Channel } from '@kcc/contracts/domain';
import { ReportPeriod } from '@kcc/contracts/dashboard';
import { Field, fieldProps } from '../../../components/field';
import type { ReportFilters } from '../api/get-report';

const PERIOD_LABELS = { day: 'Per dag', week: 'Per week', month: 'Per maand' } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface ReportFiltersFormProps {
  value: ReportFilters;
  queues: readonly { queue: string; name: string }[];
  onApply: (filters: ReportFilters) => void;
}

/** Period, range and the queue / channel filters; applied with "Toon cijfers". */
export function ReportFiltersForm({ value, queues, onApply }: ReportFiltersFormProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!DAY.test(draft.from)) next.from = 'Kies een begindatum.';
    if (!DAY.test(draft.to)) next.to = 'Kies een einddatum.';
    if (!next.from && !next.to && draft.from > draft.to) next.to = 'De einddatum ligt vóór de begindatum.';
    setErrors(next);
    if (Object.keys(next).length === 0) onApply(draft);
  };

  return (
    <form noValidate onSubmit={submit} className="panel flex flex-wrap items-end gap-4" aria-label="Filters">
      <Field id={`${id}-period`} label="Periode">
        <select
          {...fieldProps(`${id}-period`)}
          className="field"
          value={draft.period}
          onChange={(event) => setDraft({ ...draft, period: ReportPeriod.parse(event.target.value) })}
        >
          {ReportPeriod.options.map((period) => (
            <option key={period} value={period}>
              {PERIOD_LABELS[period]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-from`} label="Van" error={errors.from}>
        <input
          {...fieldProps(`${id}-from`, errors.from)}
          type="date"
          className="field"
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
      </Field>
      <Field id={`${id}-to`} label="Tot en met" error={errors.to}>
        <input
          {...fieldProps(`${id}-to`, errors.to)}
          type="date"
          className="field"
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
      </Field>
      <Field id={`${id}-queue`} label="Wachtrij">
        <select
          {...fieldProps(`${id}-queue`)}
          className="field"
          value={draft.queue ?? ''}
          onChange={(event) => setDraft({ ...draft, queue: event.target.value || undefined })}
        >
          <option value="">Alle wachtrijen</option>
          {queues.map((queue) => (
            <option key={queue.queue} value={queue.queue}>
              {queue.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-channel`} label="Kanaal">
        <select
          {...fieldProps(`${id}-channel`)}
          className="field"
          value={draft.channel ?? ''}
          onChange={(event) => {
            const parsed = Channel.safeParse(event.target.value);
            setDraft({ ...draft, channel: parsed.success ? parsed.data : undefined });
          }}
        >
          <option value="">Alle kanalen</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNEL_LABELS[channel]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="btn-primary">
        Toon cijfers
      </button>
    </form>
  );
}
