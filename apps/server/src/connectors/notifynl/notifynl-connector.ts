import { SignJWT } from 'jose';
import { ConnectorError } from '../errors';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../http-client';

/**
 * SMS through NotifyNL (the Dutch fork of GOV.UK Notify), API v2: `POST /v2/notifications/sms` and
 * `GET /v2/notifications/{id}` (assets/specs/notifynl-v2.yaml). Every call carries a fresh HS256 JWT with `iss` (the
 * service id) and `iat`, signed with the secret; both are the last two UUIDs of the API key.
 */
export interface NotifyConfig {
  url: string;
  /** `{naam}-{service_id}-{secret}` as NotifyNL's admin shows it. */
  apiKey: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  breaker?: HttpClientOptions['breaker'];
  now?: () => number;
}

export interface SmsRequest {
  phoneNumber: string;
  templateId: string;
  personalisation: Record<string, string>;
  /** Our id for the message: NotifyNL echoes it, and it names the message in their logs. */
  reference: string;
}

export type NotifyStatus =
  | 'created'
  | 'sending'
  | 'pending'
  | 'sent'
  | 'delivered'
  | 'permanent-failure'
  | 'temporary-failure'
  | 'technical-failure';

export interface NotifyClient {
  sendSms(req: SmsRequest): Promise<{ id: string }>;
  status(id: string): Promise<NotifyStatus | string>;
  readonly http: HttpClient;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY_RE = new RegExp(`(${UUID})-(${UUID})$`, 'i');

/** Service id and secret from an API key; undefined when it is not shaped like one. */
export function parseNotifyApiKey(apiKey: string): { serviceId: string; secret: string } | undefined {
  const m = KEY_RE.exec(apiKey.trim());
  return m ? { serviceId: m[1]!, secret: m[2]! } : undefined;
}

/** An international number for NotifyNL: 0612345678 → +31612345678. */
export function internationaalNummer(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^0[1-9]\d{8}$/.test(digits)) return `+31${digits.slice(1)}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return digits;
}

export function createNotifyClient(config: NotifyConfig): NotifyClient {
  const key = parseNotifyApiKey(config.apiKey);
  if (!key) throw new Error('KCC_NOTIFY_API_KEY heeft niet de vorm {naam}-{service_id}-{geheim}');
  const secret = new TextEncoder().encode(key.secret);
  const now = config.now ?? Date.now;
  const http = createHttpClient({
    register: 'notifynl',
    baseUrl: config.url,
    timeoutMs: config.timeoutMs,
    headers: async () => ({
      authorization: `Bearer ${await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(key.serviceId)
        .setIssuedAt(Math.floor(now() / 1000))
        .sign(secret)}`,
    }),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.breaker ? { breaker: config.breaker } : {}),
  });
  return {
    http,
    async sendSms(req) {
      // Not idempotent on NotifyNL's side: never retried inside one call; the outbox decides on a next attempt.
      const res = await http.request<{ id?: unknown }>({
        method: 'POST',
        path: '/v2/notifications/sms',
        body: {
          phone_number: internationaalNummer(req.phoneNumber),
          template_id: req.templateId,
          personalisation: req.personalisation,
          reference: req.reference,
        },
      });
      if (typeof res.body?.id !== 'string') {
        throw new ConnectorError('notifynl', 'invalid_response', 'antwoord zonder id', res.status);
      }
      return { id: res.body.id };
    },
    async status(id) {
      const res = await http.request<{ status?: unknown }>({
        method: 'GET',
        path: `/v2/notifications/${encodeURIComponent(id)}`,
        idempotent: true,
      });
      if (typeof res.body?.status !== 'string') {
        throw new ConnectorError('notifynl', 'invalid_response', 'antwoord zonder status', res.status);
      }
      return res.body.status;
    },
  };
}
