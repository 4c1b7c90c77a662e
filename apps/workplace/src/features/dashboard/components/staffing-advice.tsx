import type { StaffingAdvice as StaffingAdviceData } from '@kcc/contracts/dashboard';
import { judgeStaffing, staffingText } from '../utils/figures';

interface StaffingAdviceProps {
  advice: StaffingAdviceData;
  queueId: string;
  /** Larger type on the wallboard. */
  large?: boolean;
}

/** Staffing advice for the servicenorm (Erlang C plus the backlog), computed by the server from the last 30 minutes. */
export function StaffingAdvice({ advice, queueId, large = false }: StaffingAdviceProps) {
  const { judgement, shortBy } = judgeStaffing(advice);
  const status =
    judgement === 'tekort'
      ? {
          text: advice.agentsNeeded === null ? 'Niemand beschikbaar' : `${shortBy} te weinig`,
          className: large ? 'text-red-300' : 'text-red-900',
          symbol: '✗',
        }
      : judgement === 'genoeg'
        ? { text: 'Genoeg', className: large ? 'text-green-300' : 'text-green-900', symbol: '✓' }
        : {
            text: 'Nog geen afhandeltijd bekend',
            className: large ? 'text-slate-200' : 'text-slate-700',
            symbol: '–',
          };
  return (
    <p
      data-testid="staffing-advice"
      data-queue={queueId}
      data-judgement={judgement}
      className="flex flex-wrap gap-x-2"
    >
      <span data-testid="staffing-text">{staffingText(advice)}</span>
      <span className={`font-semibold ${status.className}`}>
        <span aria-hidden="true">{status.symbol} </span>
        {status.text}
      </span>
    </p>
  );
}
