import type { QueueWindowStats, StaffingAdvice } from '@kcc/contracts/dashboard';
import { formatDuration } from '../../../lib/format';

const percentFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const minutesFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** A 0..1 ratio as "83 %"; null (nothing measured yet) as an en dash. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? '–' : `${percentFormat.format(ratio * 100)} %`;
}

type OccupancyFields = Pick<QueueWindowStats, 'occupancy' | 'busyAgentSeconds' | 'availableAgentSeconds'>;

/** Occupancy (bezetting) as "63 %"; null (nobody available) or absent (an older server) as an en dash. */
export function formatOccupancy(stats: OccupancyFields): string {
  return formatPercent(stats.occupancy ?? null);
}

/** What the occupancy means, for screen readers and the tooltip. */
export function occupancyText(stats: OccupancyFields): string {
  if (stats.occupancy === undefined || stats.occupancy === null) {
    return 'Bezetting: nog geen gegevens, er was niemand beschikbaar';
  }
  const minutes = (seconds: number | undefined) => minutesFormat.format((seconds ?? 0) / 60);
  return `Bezetting ${formatPercent(stats.occupancy)}: ${minutes(stats.busyAgentSeconds)} van ${minutes(stats.availableAgentSeconds)} beschikbare minuten in gesprek of nawerk`;
}

/** Seconds as "m:ss"; null as an en dash. */
export function formatSeconds(seconds: number | null): string {
  return seconds === null ? '–' : formatDuration(seconds);
}

export type NormJudgement = 'geen-gegevens' | 'gehaald' | 'net-onder' | 'onder';

/** How far below the norm still counts as "net onder norm" (percentage points). */
const NEAR_MISS_POINTS = 5;

/** The service level against the queue's servicenorm: always shown with text, never with colour alone. */
export function judgeServiceLevel(serviceLevel: number | null, targetPercent: number): NormJudgement {
  if (serviceLevel === null) return 'geen-gegevens';
  const percent = serviceLevel * 100;
  if (percent >= targetPercent) return 'gehaald';
  return percent >= targetPercent - NEAR_MISS_POINTS ? 'net-onder' : 'onder';
}

export const NORM_LABELS: Record<NormJudgement, string> = {
  'geen-gegevens': 'Nog geen gegevens',
  gehaald: 'Norm gehaald',
  'net-onder': 'Net onder norm',
  onder: 'Onder norm',
};

/** The staffing sentence from the issue: "voor 80 % binnen 30 s nu nodig: 7, beschikbaar: 5". */
export function staffingText(advice: StaffingAdvice): string {
  const needed = advice.agentsNeeded === null ? 'nog onbekend' : String(advice.agentsNeeded);
  const backlog =
    advice.agentsForBacklog !== null && advice.agentsForBacklog > 0 && advice.agentsForArrivals !== null
      ? ` (${advice.agentsForArrivals} voor nieuwe contacten, ${advice.agentsForBacklog} om ${advice.waiting} wachtende${advice.waiting === 1 ? '' : 'n'} weg te werken)`
      : '';
  const nawerk = advice.agentsInNawerk > 0 ? `, in nawerk: ${advice.agentsInNawerk}` : '';
  return `Voor ${percentFormat.format(advice.targetPercent)} % binnen ${formatServicenormWindow(advice.withinSeconds)} nu nodig: ${needed}${backlog}, beschikbaar: ${advice.agentsAvailable}${nawerk}`;
}

export type StaffingJudgement = 'onbekend' | 'genoeg' | 'tekort';

export function judgeStaffing(advice: StaffingAdvice): { judgement: StaffingJudgement; shortBy: number } {
  if (advice.agentsNeeded === null) {
    // No handle time yet, but people wait and nobody takes them: short by at least one, whatever the number.
    if (advice.waiting > 0 && advice.agentsAvailable === 0) return { judgement: 'tekort', shortBy: 1 };
    return { judgement: 'onbekend', shortBy: 0 };
  }
  const shortBy = advice.agentsNeeded - advice.agentsAvailable;
  return shortBy > 0 ? { judgement: 'tekort', shortBy } : { judgement: 'genoeg', shortBy: 0 };
}

/** Servicenorm windows run from seconds (phone) to days (e-mail): "30 s", "4 uur", "2 dagen". */
export function formatServicenormWindow(seconds: number): string {
  if (seconds < 120) return `${percentFormat.format(seconds)} s`;
  if (seconds < 2 * 3600) return `${percentFormat.format(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${percentFormat.format(seconds / 3600)} uur`;
  return `${percentFormat.format(seconds / 86400)} dagen`;
}
