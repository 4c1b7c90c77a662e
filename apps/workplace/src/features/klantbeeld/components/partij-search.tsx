import { useId, useState, type FormEvent } from 'react';
import type { LinkPartijRequest } from '@kcc/contracts/rest';
import { describeError } from '../../../lib/api-client';
import { maskBsn } from '../../../lib/format';
import { MIN_SEARCH_LENGTH, useSearchPartijen } from '../api/search-partijen';
import { onderscheidTekst } from '../utils/onderscheid-tekst';

interface PartijSearchProps {
  /** The contact whose klantbeeld the search is in: the purpose of the search. */
  contactId: string;
  onLink: (body: LinkPartijRequest) => void;
  linking: boolean;
}

/** Search an existing partij (name, phone, e-mail, BSN or postcode + huisnummer) and link it with "Koppelen". */
export function PartijSearch({ contactId, onLink, linking }: PartijSearchProps) {
  const id = useId();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const search = useSearchPartijen(query, contactId);
  const items = search.data?.items;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = input.trim();
    setTooShort(q.length < MIN_SEARCH_LENGTH);
    setQuery(q);
  };

  return (
    <div className="space-y-2">
      <form role="search" onSubmit={onSubmit} className="flex items-end gap-2" aria-label="Klant zoeken">
        <div className="flex-1 space-y-1">
          <label htmlFor={`${id}-q`} className="block text-sm font-medium">
            Zoek een bestaande klant
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            aria-describedby={`${id}-hint${tooShort ? ` ${id}-error` : ''}`}
            aria-invalid={tooShort ? true : undefined}
            className="field"
          />
          <p id={`${id}-hint`} className="text-xs text-slate-700">
            Naam, telefoonnummer, e-mailadres, BSN, of postcode en huisnummer (1234 AB 12)
          </p>
        </div>
        <button type="submit" className="btn-secondary mb-5">
          Zoeken
        </button>
      </form>
      {tooShort && (
        <p id={`${id}-error`} className="field-error">
          Typ minstens {MIN_SEARCH_LENGTH} tekens.
        </p>
      )}
      <div aria-live="polite">
        {search.isFetching && <p className="text-sm text-slate-700">Zoeken…</p>}
        {search.isError && <p className="text-sm text-red-800">{describeError(search.error)}</p>}
        {search.data?.melding && (
          <p className="text-sm text-amber-950" data-testid="partij-search-melding">
            {search.data.melding}
          </p>
        )}
        {items?.length === 0 && !search.data?.melding && (
          <p className="text-sm text-slate-700">Geen klant gevonden.</p>
        )}
        {items && items.length > 0 && (
          <p role="status" className="text-sm text-slate-700" data-testid="partij-search-count">
            {items.length === 1 ? '1 klant gevonden.' : `${items.length} klanten gevonden.`}
          </p>
        )}
      </div>
      {items && items.length > 0 && (
        <ul className="space-y-1" data-testid="partij-search-results">
          {items.map((partij) => {
            const adressen = partij.digitaleAdressen.map((a) => a.adres).join(', ');
            const onderscheid = onderscheidTekst(partij);
            return (
              <li
                key={partij.uuid}
                className="flex items-center gap-2 rounded border border-slate-300 p-2 text-sm"
              >
                <span className="min-w-0 flex-1">
                  <span className="block font-medium">{partij.naam}</span>
                  {onderscheid && (
                    <span className="block text-slate-800" data-testid="onderscheid">
                      {onderscheid}
                    </span>
                  )}
                  <span className="block truncate text-slate-700">
                    {partij.bsn ? `BSN ${maskBsn(partij.bsn)}` : ''}
                    {partij.bsn && adressen ? ' · ' : ''}
                    {adressen}
                  </span>
                </span>
                <button
                  type="button"
                  className="btn-secondary"
                  disabled={linking}
                  aria-label={`Koppelen: ${partij.naam}`}
                  onClick={() => onLink({ uuid: partij.uuid })}
                >
                  Koppelen
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
