import type { ReportMetrics, ReportOnderwerp, ReportResponse } from '@kcc/contracts/dashboard';
import { csvCell } from '../audit/csv-export';

const num = (v: number | null, digits = 1): string =>
  v === null ? '' : Number.isInteger(v) ? String(v) : v.toFixed(digits).replace('.', ',');
const pct = (v: number | null): string => (v === null ? '' : num(Math.round(v * 1000) / 10));

const COLUMNS: [string, (m: ReportMetrics) => string][] = [
  ['Aangeboden', (m) => num(m.offered)],
  ['Beantwoord', (m) => num(m.answered)],
  ['Beantwoord binnen norm', (m) => num(m.answeredWithinNorm)],
  ['Verlaten', (m) => num(m.abandoned)],
  ['Kort verlaten', (m) => num(m.shortAbandoned)],
  ['Serviceniveau (%)', (m) => pct(m.serviceLevel)],
  ['Gem. wachttijd (s)', (m) => num(m.asaSeconds)],
  ['Gem. afhandeltijd (s)', (m) => num(m.ahtSeconds)],
  ['Verlaten (%)', (m) => pct(m.abandonRate)],
  ['Zelfstandig afgehandeld', (m) => num(m.zelfstandigAfgehandeld)],
  ['Eerste keer goed', (m) => num(m.firstContactResolved)],
  ['Eerste keer goed (%)', (m) => pct(m.firstContactResolution)],
  ['Kanaalswitches', (m) => num(m.channelSwitches)],
  ['Kanaalsturing', (m) => num(m.kanaalsturing)],
  ['Gewezen op primair kanaal', (m) => num(m.kanaalsturingPrimary)],
  ['Via primair kanaal', (m) => num(m.viaPrimaryChannel)],
  ['Via primair kanaal (%)', (m) => pct(m.primaryChannelShare)],
  ['Vragen', (m) => num(m.vragen)],
  ['Contacten voor vragen', (m) => num(m.contactenVoorVragen)],
  ['Kanaalwissels binnen vragen', (m) => num(m.kanaalwisselsVoorVragen)],
  ['Contacten per vraag', (m) => num(m.contactenPerVraag, 2)],
  ['Beloften', (m) => num(m.beloften)],
  ['Beloften nagekomen', (m) => num(m.beloftenNagekomen)],
  ['Voorspelbaarheid (%)', (m) => pct(m.voorspelbaarheid)],
  ['Beoordelingen', (m) => num(m.csatCount)],
  ['Gem. beoordeling (1-5)', (m) => num(m.csatAverage, 2)],
];

const ONDERWERP_COLUMNS: [string, (o: ReportOnderwerp) => string][] = [
  ['Registraties', (o) => num(o.registraties)],
  ['Contacten', (o) => num(o.contacten)],
  ['Zelfstandig afgehandeld', (o) => num(o.zelfstandigAfgehandeld)],
  ['Eerste keer goed', (o) => num(o.firstContactResolved)],
  ['Eerste keer goed (%)', (o) => pct(o.firstContactResolution)],
  ['Gem. afhandeltijd (s)', (o) => num(o.ahtSeconds)],
  ['Kanaalsturing', (o) => num(o.kanaalsturing)],
  ['Primair kanaal (%)', (o) => pct(o.primaryChannelShare)],
  ['Beoordelingen', (o) => num(o.csatCount)],
  ['Gem. beoordeling (1-5)', (o) => num(o.csatAverage, 2)],
];

export const REPORT_CSV_ONDERWERP_HEADERS = [
  'Onderwerp',
  'Uit de lijst',
  ...ONDERWERP_COLUMNS.map(([h]) => h),
];

export const REPORT_CSV_HEADERS = ['Periode', 'Begindatum', ...COLUMNS.map(([h]) => h)];

/** `;`-separated, decimal comma, CRLF, UTF-8 with BOM (Dutch spreadsheet settings); one line per bucket + total. */
export function reportToCsv(report: ReportResponse): string {
  const line = (label: string, start: string, m: ReportMetrics) =>
    [label, start, ...COLUMNS.map(([, get]) => get(m))].map(csvCell).join(';');
  const lines = [REPORT_CSV_HEADERS.map(csvCell).join(';')];
  for (const b of report.buckets) lines.push(line(b.label, b.start, b));
  lines.push(line('Totaal', report.from, report.total));
  // A second table after a blank line: the breakdown by onderwerp (issue 14 §7).
  if (report.byOnderwerp.length > 0) {
    lines.push('', REPORT_CSV_ONDERWERP_HEADERS.map(csvCell).join(';'));
    for (const o of report.byOnderwerp) {
      const cells = [
        o.naam,
        o.onderwerpId === null ? 'nee' : 'ja',
        ...ONDERWERP_COLUMNS.map(([, get]) => get(o)),
      ];
      lines.push(cells.map(csvCell).join(';'));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
