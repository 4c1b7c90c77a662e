import { judgeServiceLevel, NORM_LABELS, type NormJudgement } from '../utils/figures';

const STYLES: Record<NormJudgement, { className: string; symbol: string }> = {
  'geen-gegevens': { className: 'border-slate-500 bg-slate-100 text-slate-800', symbol: '–' },
  gehaald: { className: 'border-green-800 bg-green-50 text-green-900', symbol: '✓' },
  'net-onder': { className: 'border-amber-700 bg-amber-50 text-amber-950', symbol: '!' },
  onder: { className: 'border-red-800 bg-red-50 text-red-900', symbol: '✗' },
};

/** The service level's judgement against the servicenorm: symbol, colour and text (never colour alone). */
export function NormBadge({
  serviceLevel,
  targetPercent,
}: {
  serviceLevel: number | null;
  targetPercent: number;
}) {
  const judgement = judgeServiceLevel(serviceLevel, targetPercent);
  const style = STYLES[judgement];
  return (
    <span
      data-testid="norm-badge"
      data-judgement={judgement}
      className={`inline-flex items-center gap-1 rounded border px-1.5 text-xs font-semibold ${style.className}`}
    >
      <span aria-hidden="true">{style.symbol}</span>
      {NORM_LABELS[judgement]}
    </span>
  );
}
