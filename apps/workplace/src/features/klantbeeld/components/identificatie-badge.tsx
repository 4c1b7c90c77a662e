import { IDENTIFICATIENIVEAU_LABELS, type Identificatieniveau } from '@kcc/contracts/klantbeeld';

const STYLE: Record<Identificatieniveau, string> = {
  onbekend: 'border-slate-500 bg-slate-100 text-slate-900',
  herkend: 'border-amber-700 bg-amber-50 text-amber-950',
  geverifieerd: 'border-green-700 bg-green-50 text-green-900',
  geauthenticeerd: 'border-green-700 bg-green-50 text-green-900',
};

/** How sure we are who the resident is; the text says it, the colour only repeats it. */
export function IdentificatieBadge({ niveau }: { niveau: Identificatieniveau }) {
  return (
    <span
      data-testid="identificatieniveau"
      data-niveau={niveau}
      className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${STYLE[niveau]}`}
    >
      <span className="sr-only">Identificatie: </span>
      {IDENTIFICATIENIVEAU_LABELS[niveau]}
    </span>
  );
}
