import type { LinkPartijRequest, PartijView } from '@kcc/contracts/rest';
import { maskBsn } from '../../../lib/format';
import { onderscheidTekst } from '../utils/onderscheid-tekst';

interface KandidatenListProps {
  kandidaten: PartijView[];
  linking: boolean;
  onChoose: (body: LinkPartijRequest) => void;
}

/** Several partijen share the caller's number or address: the agent asks and picks the right one. */
export function KandidatenList({ kandidaten, linking, onChoose }: KandidatenListProps) {
  return (
    <ul className="space-y-1" data-testid="kandidaten">
      {kandidaten.map((partij) => (
        <li key={partij.uuid} className="flex items-center gap-2 rounded border border-slate-300 p-2 text-sm">
          <span className="min-w-0 flex-1">
            <span className="block font-medium">{partij.naam}</span>
            {partij.onderscheid && (
              <span className="block text-slate-800" data-testid="onderscheid">
                {onderscheidTekst(partij)}
              </span>
            )}
            <span className="block truncate text-slate-700">
              {[
                partij.bsn ? `BSN ${maskBsn(partij.bsn)}` : null,
                ...partij.digitaleAdressen.map((a) => a.adres),
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </span>
          <button
            type="button"
            className="btn-secondary"
            disabled={linking}
            aria-label={`Kies ${partij.naam}`}
            onClick={() => onChoose({ uuid: partij.uuid })}
          >
            Kies deze klant
          </button>
        </li>
      ))}
    </ul>
  );
}
