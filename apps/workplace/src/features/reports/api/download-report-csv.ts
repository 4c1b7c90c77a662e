import { saveBlob } from '../../../lib/save-blob';
import { getApiBaseUrl } from '../../../lib/api-client';
import { reportPath, type ReportFilters } from './get-report';
import { getSessionToken } from '../../auth/stores/session-store';

export class CsvDownloadError extends Error {
  constructor(readonly status: number) {
    super(`CSV download failed: ${status}`);
    this.name = 'CsvDownloadError';
  }
}

/** The file name the server suggests (Content-Disposition), or one made from the filters. */
export function csvFileName(filters: ReportFilters, disposition: string | null): string {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  if (match?.[1]) return decodeURIComponent(match[1]);
  const parts = ['kcc-rapportage', filters.period, filters.from, filters.to, filters.queue, filters.channel];
  return `${parts.filter(Boolean).join('_')}.csv`;
}

/**
 * The server makes the CSV (`format=csv`), so the file holds exactly the figures on screen. A plain link cannot
 * carry the Bearer token, so the file is fetched and handed to the browser as a download.
 */
export async function downloadReportCsv(filters: ReportFilters, token: string): Promise<string> {
  const response = await fetch(getApiBaseUrl() + reportPath(filters, 'csv'), {
    headers: { accept: 'text/csv', authorization: `Bearer ${getSessionToken() ?? token}` },
  }).catch(() => {
    throw new CsvDownloadError(0);
  });
  if (!response.ok) throw new CsvDownloadError(response.status);
  const blob = await response.blob();
  const name = csvFileName(filters, response.headers.get('content-disposition'));
  saveBlob(blob, name);
  return name;
}

export function describeCsvError(error: unknown): string {
  if (error instanceof CsvDownloadError) {
    if (error.status === 0) return 'Geen verbinding met de server. Probeer het opnieuw.';
    if (error.status === 401) return 'Uw sessie is verlopen. Log opnieuw in.';
    if (error.status === 403) return 'U mag deze rapportage niet downloaden.';
    if (error.status === 400) return 'De gekozen periode of filters kloppen niet.';
  }
  return 'Het downloaden lukte niet. Probeer het opnieuw.';
}
