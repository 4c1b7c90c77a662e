import { saveBlob } from '../../../lib/save-blob';
import { getApiBaseUrl } from '../../../lib/api-client';
import { getSessionToken } from '../../auth/stores/session-store';

export type ExportFormat = 'json' | 'csv';

export class ExportDownloadError extends Error {
  constructor(readonly status: number) {
    super(`Export download failed: ${status}`);
    this.name = 'ExportDownloadError';
  }
}

export function exportPath(bsn: string, format: ExportFormat): string {
  return `/api/audit/verwerkingen/export?${new URLSearchParams({ bsn, format }).toString()}`;
}

/** The name the server gives the attachment (Content-Disposition), or a sensible one. */
export function exportFileName(format: ExportFormat, disposition: string | null, today = new Date()): string {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  if (match?.[1]) return decodeURIComponent(match[1]);
  return `verwerkingen-inzageverzoek-${today.toISOString().slice(0, 10)}.${format}`;
}

/**
 * The export for an inzageverzoek, made by the server (the export itself is logged). A plain link cannot carry
 * the Bearer token, so the file is fetched and handed to the browser as a download.
 */
export async function downloadExport(bsn: string, format: ExportFormat, token: string): Promise<string> {
  const response = await fetch(getApiBaseUrl() + exportPath(bsn, format), {
    headers: {
      accept: format === 'csv' ? 'text/csv' : 'application/json',
      authorization: `Bearer ${getSessionToken() ?? token}`,
    },
  }).catch(() => {
    throw new ExportDownloadError(0);
  });
  if (!response.ok) throw new ExportDownloadError(response.status);
  const blob = await response.blob();
  const name = exportFileName(format, response.headers.get('content-disposition'));
  saveBlob(blob, name);
  return name;
}

export function describeExportError(error: unknown): string {
  if (error instanceof ExportDownloadError) {
    if (error.status === 0) return 'Geen verbinding met de server. Probeer het opnieuw.';
    if (error.status === 401) return 'Uw sessie is verlopen. Log opnieuw in.';
    if (error.status === 403) return 'U mag het verwerkingenlog niet exporteren.';
    if (error.status === 400) return 'Het BSN klopt niet.';
  }
  return 'Het exporteren lukte niet. Probeer het opnieuw.';
}
