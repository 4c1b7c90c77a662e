import { useId, useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useSynonyms } from '../api/get-synonyms';
import { useSaveSynonyms } from '../api/save-synonyms';
import { formatSynonyms, parseSynonyms, type SynonymLineError } from '../utils/synonyms-text';

/** The synonym and colloquial list, one line per entry (`kliko: container, minicontainer`), saved as a whole. */
export function SynonymsEditor() {
  const id = useId();
  const synonyms = useSynonyms();
  const save = useSaveSynonyms();
  // null: not edited yet, so the saved list shows.
  const [edited, setText] = useState<string | null>(null);
  const [errors, setErrors] = useState<SynonymLineError[]>([]);
  const [saved, setSaved] = useState('');

  const text = edited ?? (synonyms.data ? formatSynonyms(synonyms.data.synonyms) : null);

  const onSave = () => {
    const parsed = parseSynonyms(text ?? '');
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setSaved('');
      document.getElementById(`${id}-text`)?.focus();
      return;
    }
    setErrors([]);
    save.mutate(parsed.synonyms, {
      onSuccess: (result) => {
        setText(formatSynonyms(result.synonyms));
        setSaved(`Opgeslagen: ${Object.keys(result.synonyms).length} regels. Zoeken gebruikt ze meteen.`);
      },
    });
  };

  if (synonyms.isPending) return <p role="status">Synoniemen laden…</p>;
  if (synonyms.isError)
    return (
      <p role="alert" className="panel text-red-800">
        De synoniemen konden niet worden geladen. {describeError(synonyms.error)}
      </p>
    );

  const hint =
    'Eén regel per woord: wat inwoners zeggen, dubbele punt, de woorden uit de kennisbank. Bijvoorbeeld: kliko: container, minicontainer';
  return (
    <section aria-labelledby={`${id}-title`} className="panel space-y-3" data-testid="synonyms-editor">
      <h2 id={`${id}-title`} className="panel-title">
        Synoniemen
      </h2>
      {synonyms.data.updatedAt && (
        <p className="text-sm text-slate-700">
          Laatst gewijzigd {formatDateTime(synonyms.data.updatedAt)}
          {synonyms.data.updatedBy ? ` door ${synonyms.data.updatedBy}` : ''}
        </p>
      )}
      {errors.length > 0 && (
        <div
          role="alert"
          id={`${id}-errors`}
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800"
        >
          <p className="font-medium">
            {errors.length === 1 ? 'Er is 1 fout.' : `Er zijn ${errors.length} fouten.`} Er is niets
            opgeslagen.
          </p>
          <ul className="list-disc pl-5">
            {errors.slice(0, 20).map((e) => (
              <li key={`${e.line}-${e.message}`}>
                Regel {e.line}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {save.isError && (
        <p role="alert" className="text-sm text-red-800">
          Opslaan is niet gelukt. {describeError(save.error)}
        </p>
      )}
      <div className="space-y-1">
        <label htmlFor={`${id}-text`} className="block text-sm font-medium">
          Synoniemenlijst
        </label>
        <textarea
          id={`${id}-text`}
          value={text ?? ''}
          rows={18}
          spellCheck={false}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={`${id}-hint${errors.length > 0 ? ` ${id}-errors` : ''}`}
          onChange={(e) => {
            setText(e.target.value);
            setSaved('');
          }}
          className="field font-mono text-sm"
        />
        <p id={`${id}-hint`} className="text-xs text-slate-700">
          {hint}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-primary" disabled={save.isPending} onClick={onSave}>
          Synoniemen opslaan
        </button>
        <span role="status" className="text-sm text-green-900">
          {save.isPending ? 'Bezig met opslaan…' : saved}
        </span>
      </div>
    </section>
  );
}
