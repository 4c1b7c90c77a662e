import type { VerwerkingsactieDto } from '@kcc/contracts/verwerkingen';
import { localDateTime } from './dates';

/**
 * Column headers (Dutch) and how each is read from a verwerkingsactie and one of its verwerkte objecten. Times are
 * local (Europe/Amsterdam), as the resident and the privacy officer read them; the JSON export keeps ISO 8601.
 */
const COLUMNS: [
  string,
  (a: VerwerkingsactieDto, o: VerwerkingsactieDto['verwerkteObjecten'][number]) => string,
][] = [
  ['Tijdstip', (a) => localDateTime(a.tijdstip)],
  ['Handeling', (a) => a.handelingNaam],
  ['Actie', (a) => a.actieNaam],
  ['Verwerkingsactiviteit', (a) => a.verwerkingNaam],
  ['Doel', (a) => a.doelOmschrijving],
  ['Gegevensbron', (a) => a.gegevensbron],
  ['Soorten gegevens', (_a, o) => o.verwerkteSoortenGegevens.map((s) => s.soortGegeven).join(', ')],
  ['Betrokkenheid', (_a, o) => o.betrokkenheid],
  ['BSN', (_a, o) => o.bsn ?? ''],
  ['Partij', (_a, o) => o.partijUuid ?? ''],
  ['Medewerker', (a) => a.gebruiker?.naam ?? ''],
  ['Rol', (a) => a.gebruiker?.rol ?? ''],
  ['Systeem', (a) => a.systeem],
  ['Vertrouwelijkheid', (a) => a.vertrouwelijkheid],
  ['Bewaartermijn', (a) => a.bewaartermijn],
  ['Actie-ID', (a) => a.actieId],
  ['Verwerking-ID', (a) => a.verwerkingId],
  ['Tijdstip registratie', (a) => localDateTime(a.tijdstipRegistratie)],
];

export const CSV_HEADERS = COLUMNS.map(([h]) => h);

/**
 * One cell: quoted when it holds the separator, a quote or a line break; a leading `= + - @` (or tab/CR)
 * gets an apostrophe so a spreadsheet does not run it as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The export as CSV: `;`-separated (what Dutch spreadsheet settings expect), CRLF line ends, UTF-8 with BOM,
 * one line per verwerkt object of the subject, newest first.
 */
export function toCsv(acties: readonly VerwerkingsactieDto[]): string {
  const lines = [CSV_HEADERS.map(csvCell).join(';')];
  for (const a of acties) {
    for (const o of a.verwerkteObjecten) lines.push(COLUMNS.map(([, get]) => csvCell(get(a, o))).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
