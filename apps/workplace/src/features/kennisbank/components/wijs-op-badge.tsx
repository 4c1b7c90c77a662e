import type { Kanaal } from '@kcc/contracts/kennisbank';

/** "Wijs op: <primair kanaal>" — the channel the resident is pointed to first (kanalenmatrix). */
export function WijsOpBadge({ kanaal, withSecundair = false }: { kanaal: Kanaal; withSecundair?: boolean }) {
  return (
    <span
      data-testid="wijs-op"
      className="inline-flex flex-wrap items-center gap-x-1 rounded border border-green-800 bg-green-50 px-1.5 py-0.5 text-xs font-semibold text-green-900"
    >
      Wijs op: {kanaal.primair}
      {withSecundair && <span className="font-normal">· anders: {kanaal.secundair}</span>}
    </span>
  );
}
