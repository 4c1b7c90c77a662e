import type { DeliveryFailureReason } from '@kcc/contracts/channels';

export interface DeliveryFailure {
  reason: DeliveryFailureReason;
  /** Worth another attempt later (the relay was away or said "try again"); otherwise final at once. */
  transient: boolean;
  /** What the relay or the network said, for the medewerker and the log (at most 300 characters). */
  detail: string;
}

interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
  message?: unknown;
}

const NETWORK_CODES = new Set(['ESOCKET', 'ECONNECTION', 'ETIMEDOUT', 'EDNS', 'ECONNREFUSED', 'ECONNRESET']);

/**
 * Classifies what nodemailer threw when the relay did not take a reply. SMTP's own split decides: a 4xx answer
 * is temporary, a 5xx answer is final (RFC 5321 §4.2.1); a relay that cannot be reached may be back soon.
 */
export function classifyDeliveryFailure(err: unknown, relayConfigured: boolean): DeliveryFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const response = typeof e.response === 'string' ? e.response : undefined;
  const detail = (response ?? message).slice(0, 300);
  if (!relayConfigured) return { reason: 'no-relay', transient: false, detail };
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? e.command.toUpperCase() : '';
  if (status !== undefined && status >= 400 && status < 500)
    return { reason: 'temporarily-refused', transient: true, detail };
  if (status !== undefined && status >= 500) {
    if (command.startsWith('RCPT')) return { reason: 'recipient-refused', transient: false, detail };
    if (command.startsWith('MAIL')) return { reason: 'sender-refused', transient: false, detail };
    return { reason: 'message-refused', transient: false, detail };
  }
  if ((typeof e.code === 'string' && NETWORK_CODES.has(e.code)) || command === 'CONN')
    return { reason: 'relay-unreachable', transient: true, detail };
  return { reason: 'unknown', transient: true, detail };
}
