import { kanaaladvies } from '@kcc/contracts/kanaaladvies';
import type { Channel } from '@kcc/contracts/domain';
import type { Bron, KanaalsturingDraft } from '../stores/registration-drafts-store';

interface KanaalsturingBlockProps {
  /** The channel of the contact: the advice never points to the channel the resident is using now. */
  channel: Channel;
  kanaalsturing?: KanaalsturingDraft;
  bronnen: Bron[];
  onGewezenChange: (gewezen: boolean) => void;
  onRemoveKanaalsturing: () => void;
  onRemoveBron: (bronId: string) => void;
}

/**
 * Filled by "Gebruik in antwoord" in the kennisbank: which channel to point the resident to for this product
 * (recorded for the KPI "served through the primary channel") and the consulted sources.
 */
export function KanaalsturingBlock({
  channel,
  kanaalsturing,
  bronnen,
  onGewezenChange,
  onRemoveKanaalsturing,
  onRemoveBron,
}: KanaalsturingBlockProps) {
  if (!kanaalsturing && bronnen.length === 0) return null;
  const advies = kanaalsturing
    ? kanaaladvies(
        {
          primair: kanaalsturing.primairKanaal,
          secundair: kanaalsturing.secundairKanaal ?? '',
          ...(kanaalsturing.nietVia ? { nietVia: kanaalsturing.nietVia } : {}),
        },
        channel,
      )
    : undefined;
  return (
    <div className="space-y-3">
      {kanaalsturing && advies && (
        <fieldset
          data-testid="kanaalsturing"
          className="space-y-2 rounded border border-green-800 bg-green-50 p-3"
        >
          <legend className="px-1 text-sm font-medium">Kanaalsturing: {kanaalsturing.product}</legend>
          <p
            className={`font-semibold ${advies.nietViaHuidig ? 'text-amber-900' : 'text-green-900'}`}
            data-testid="kanaaladvies"
          >
            {advies.tekst}
          </p>
          {advies.wijsOp && advies.anders && (
            <p className="text-sm text-slate-900">Lukt dat niet? Dan: {advies.anders}</p>
          )}
          <div className="flex flex-wrap items-center justify-between gap-2">
            {advies.wijsOp ? (
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={kanaalsturing.gewezenOpPrimairKanaal}
                  onChange={(e) => onGewezenChange(e.target.checked)}
                  className="h-4 w-4"
                />
                Klant gewezen op primair kanaal
              </label>
            ) : (
              <span />
            )}
            <button type="button" className="btn-link text-sm" onClick={onRemoveKanaalsturing}>
              Kanaalsturing weghalen
            </button>
          </div>
        </fieldset>
      )}
      {bronnen.length > 0 && (
        <section aria-label="Geraadpleegde bronnen" data-testid="bronnen" className="text-sm">
          <h3 className="font-medium text-slate-900">Geraadpleegde bronnen</h3>
          <ul className="mt-1 space-y-1">
            {bronnen.map((bron) => (
              <li key={bron.id} className="flex items-center justify-between gap-2">
                <span>{bron.title}</span>
                <button
                  type="button"
                  className="btn-link shrink-0"
                  aria-label={`Bron weghalen: ${bron.title}`}
                  onClick={() => onRemoveBron(bron.id)}
                >
                  Weghalen
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
