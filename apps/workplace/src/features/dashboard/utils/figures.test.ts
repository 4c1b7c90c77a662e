import { describe, expect, it } from 'vitest';
import { staffing, stats } from '../testing/dashboard-fixtures';
import {
  formatOccupancy,
  formatPercent,
  occupancyText,
  formatServicenormWindow,
  judgeServiceLevel,
  judgeStaffing,
  staffingText,
} from './figures';

describe('staffing advice', () => {
  it('says it the way the issue asks', () => {
    expect(staffingText(staffing())).toBe('Voor 80 % binnen 30 s nu nodig: 7, beschikbaar: 5');
    expect(judgeStaffing(staffing())).toEqual({ judgement: 'tekort', shortBy: 2 });
  });

  it('says how much of the need comes from the backlog, and who is in nawerk', () => {
    const advice = staffing({ agentsNeeded: 17, agentsForArrivals: 6, agentsForBacklog: 11, waiting: 79 });
    expect(staffingText({ ...advice, agentsAvailable: 6, agentsInNawerk: 2 })).toBe(
      'Voor 80 % binnen 30 s nu nodig: 17 (6 voor nieuwe contacten, 11 om 79 wachtenden weg te werken), beschikbaar: 6, in nawerk: 2',
    );
    expect(judgeStaffing({ ...advice, agentsAvailable: 8 })).toEqual({ judgement: 'tekort', shortBy: 9 });
  });

  it('does not invent a number when no handle time is known yet', () => {
    const advice = staffing({ agentsNeeded: null, ahtSeconds: null });
    expect(staffingText(advice)).toBe('Voor 80 % binnen 30 s nu nodig: nog onbekend, beschikbaar: 5');
    expect(judgeStaffing(advice).judgement).toBe('onbekend');
    // …but with people waiting and nobody available it is short, whatever the number
    expect(judgeStaffing({ ...advice, waiting: 3, agentsAvailable: 0 })).toEqual({
      judgement: 'tekort',
      shortBy: 1,
    });
  });

  it('is enough when available ≥ needed', () => {
    expect(judgeStaffing(staffing({ agentsNeeded: 3, agentsAvailable: 3 }))).toEqual({
      judgement: 'genoeg',
      shortBy: 0,
    });
  });

  it('writes long servicenorm windows in minutes, hours and days', () => {
    expect(formatServicenormWindow(30)).toBe('30 s');
    expect(formatServicenormWindow(600)).toBe('10 min');
    expect(formatServicenormWindow(4 * 3600)).toBe('4 uur');
    expect(formatServicenormWindow(2 * 86400)).toBe('2 dagen');
  });
});

describe('service level against the norm', () => {
  it('judges with a margin of 5 points for "net onder norm"', () => {
    expect(judgeServiceLevel(null, 80)).toBe('geen-gegevens');
    expect(judgeServiceLevel(0.8, 80)).toBe('gehaald');
    expect(judgeServiceLevel(0.76, 80)).toBe('net-onder');
    expect(judgeServiceLevel(0.7, 80)).toBe('onder');
  });

  it('shows percentages in Dutch and null as a dash', () => {
    expect(formatPercent(7 / 9)).toBe('78 %');
    expect(formatPercent(null)).toBe('–');
  });
});

describe('occupancy (bezetting)', () => {
  it('shows a percent and says what it means', () => {
    const s = stats({ occupancy: 0.75, busyAgentSeconds: 2700, availableAgentSeconds: 3600 });
    expect(formatOccupancy(s)).toBe('75 %');
    expect(occupancyText(s)).toBe('Bezetting 75 %: 45 van 60 beschikbare minuten in gesprek of nawerk');
  });

  it('has no figure when nobody was available or the server does not send it', () => {
    expect(formatOccupancy(stats({ occupancy: null }))).toBe('–');
    expect(formatOccupancy({})).toBe('–');
    expect(occupancyText({})).toBe('Bezetting: nog geen gegevens, er was niemand beschikbaar');
  });
});
