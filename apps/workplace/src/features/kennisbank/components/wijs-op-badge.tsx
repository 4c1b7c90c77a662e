import { kanaaladvies } from '@kcc/contracts/kanaaladvies';
import type { Channel } from '@kcc/contracts/domain';
import type { Kanaal } from '@kcc/contracts/kennisbank';

interface WijsOpBadgeProps {
  kanaal: Kanaal;
  /** The channel of the contact the agent is helping, when there is one. */
  channel?: Channel;
  withSecundair?: boolean;
}

/**
 * "Wijs op: <primair kanaal>" — the channel the resident is pointed to first (kanalenmatrix), given the channel
 * they use now: never the one they are using, and a warning when the product cannot be handled through it.
 */
export function WijsOpBadge({ kanaal, channel, withSecundair = false }: WijsOpBadgeProps) {
  const advies = kanaaladvies(kanaal, channel);
  const warn = advies.nietViaHuidig;
  return (
    <span
      data-testid="wijs-op"
      className={`inline-flex flex-wrap items-center gap-x-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${
        warn ? 'border-amber-800 bg-amber-50 text-amber-900' : 'border-green-800 bg-green-50 text-green-900'
      }`}
    >
      {advies.wijsOp ? advies.tekst.replace(/\.$/, '') : 'Klant gebruikt al het beste kanaal'}
      {withSecundair && advies.wijsOp && advies.anders && (
        <span className="font-normal">· anders: {advies.anders}</span>
      )}
    </span>
  );
}
