import { saveBlob } from '../../../lib/save-blob';
import type { AttachmentView } from '@kcc/contracts/channels';
import { getApiBaseUrl } from '../../../lib/api-client';
import { getSessionToken } from '../../auth/stores/session-store';

export class AttachmentDownloadError extends Error {
  constructor(readonly status: number) {
    super(`Attachment download failed: ${status}`);
    this.name = 'AttachmentDownloadError';
  }
}

/**
 * A link cannot carry the Bearer token, so the attachment is fetched and handed to the browser as a Blob
 * download. The server sends active types (HTML, SVG, scripts) as octet-stream; the Blob is never opened inline.
 */
export async function downloadAttachment(attachment: AttachmentView, token: string): Promise<void> {
  const response = await fetch(getApiBaseUrl() + attachment.url, {
    headers: { authorization: `Bearer ${getSessionToken() ?? token}` },
  }).catch(() => {
    throw new AttachmentDownloadError(0);
  });
  if (!response.ok) throw new AttachmentDownloadError(response.status);
  const blob = await response.blob();
  saveBlob(blob, attachment.filename);
}

export function describeDownloadError(error: unknown): string {
  if (error instanceof AttachmentDownloadError) {
    if (error.status === 0) return 'Geen verbinding met de server. Probeer het opnieuw.';
    if (error.status === 401) return 'Uw sessie is verlopen. Log opnieuw in.';
    if (error.status === 403) return 'U mag deze bijlage niet openen.';
    if (error.status === 404) return 'Deze bijlage bestaat niet meer.';
  }
  return 'Het downloaden lukte niet. Probeer het opnieuw.';
}
