import type { Presence } from '@kcc/contracts/domain';

const COLORS: Record<Presence, string> = {
  beschikbaar: 'bg-green-600',
  pauze: 'bg-amber-500',
  nawerk: 'bg-blue-600',
  offline: 'bg-slate-500',
  'niet-reagerend': 'bg-red-600',
};

export function PresenceDot({ presence }: { presence: Presence }) {
  return (
    <span aria-hidden="true" className={`inline-block h-3 w-3 shrink-0 rounded-full ${COLORS[presence]}`} />
  );
}
