import type { ZoekResultaat } from '../utils/zoek-resultaat';

interface ZoekResultatenProps {
  items: ZoekResultaat[];
  maximumBereikt: boolean;
  onOpen: (resultaat: ZoekResultaat) => void;
}

/** A short list to pick from; the registers cap it, and then the agent should search more precisely. */
export function ZoekResultatenList({ items, maximumBereikt, onOpen }: ZoekResultatenProps) {
  return (
    <div className="space-y-2">
      {maximumBereikt && (
        <p
          data-testid="maximum-bereikt"
          className="rounded border border-amber-700 bg-amber-50 p-2 text-sm text-amber-950"
        >
          <strong>Maximum bereikt.</strong> Er zijn meer resultaten dan hier staan. Zoek nauwkeuriger,
          bijvoorbeeld op BSN of met een geboortedatum.
        </p>
      )}
      <ul className="space-y-1" data-testid="zoek-resultaten">
        {items.map((r) => (
          <li key={r.key} className="flex items-center gap-2 rounded border border-slate-300 p-2 text-sm">
            <span className="min-w-0 flex-1">
              <span className="block font-medium">
                {r.naam}
                {r.geheimhouding && (
                  <span className="ml-2 rounded border border-red-700 px-1 text-xs font-semibold text-red-800">
                    Geheimhouding
                  </span>
                )}
                {r.inactief && (
                  <span className="ml-2 rounded border border-slate-600 px-1 text-xs text-slate-800">
                    Niet actief
                  </span>
                )}
              </span>
              {r.regels.map((regel) => (
                <span key={regel} className="block text-slate-700">
                  {regel}
                </span>
              ))}
            </span>
            <button
              type="button"
              className="btn-secondary shrink-0"
              aria-label={`Klantbeeld openen: ${r.naam}`}
              onClick={() => onOpen(r)}
            >
              Klantbeeld openen
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
