import { z } from 'zod';
import { parseDayList, type WorkingCalendar } from '../queues/due-time';

/** Opening hours of a channel (server local time); `always` for 24/7. */
export type OpeningHours =
  | { kind: 'always' }
  | { kind: 'hours'; days: ReadonlySet<number>; opensMinute: number; closesMinute: number; label: string };

export interface ReplyTemplate {
  /** `{naam}` is replaced by the resident's name, or dropped with the space before it when unknown. */
  aanhef: string;
  afsluiting: string;
  signature: string;
}

export interface ChannelsConfig {
  /** Origins allowed to open the citizen chat socket; `undefined`: only the server's own origin. */
  widgetOrigins: readonly string[] | '*' | undefined;
  chatHours: OpeningHours;
  calendar: WorkingCalendar;
  chatMaxConnectionsPerIp: number;
  chatMessagesPerMinute: number;
  /** Flood limits of the citizen chat (issue 11 §3): new connections and chat starts per minute. */
  chatFlood: ChatFloodLimits;
  mailFrom: string;
  mailMaxBytes: number;
  attachmentMaxBytes: number;
  reply: ReplyTemplate;
  /** Dialled number → queue id. */
  ctiNumbers: ReadonlyMap<string, string>;
  /** Queues where an abandoned call creates a callback request. */
  ctiCallbackQueues: ReadonlySet<string>;
  callbackMaxAttempts: number;
  callbackRetryMinutes: number;
  /** How often waiting residents get their queue position (ms). */
  chatQueuePushMs: number;
  /**
   * KCC_SMTP_PORT was set explicitly: a busy port stops the server. With the default (2525) a busy port only
   * turns inbound e-mail off with a warning (a second demo server on one machine).
   */
  smtpPortExplicit: boolean;
  /** Automatic receipts for e-mail and web forms (KCC_ONTVANGSTBEVESTIGING, default on; texts per queue). */
  ontvangstbevestiging: boolean;
}

export interface ChatFloodLimits {
  connectionsPerIpPerMinute: number;
  connectionsPerMinute: number;
  startsPerIpPerMinute: number;
  startsPerMinute: number;
  /** A waiting chat whose resident has no connection this long (and did not resume) is dropped. */
  residentGraceMs: number;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ChannelsEnv = z.object({
  KCC_WIDGET_ORIGINS: z.string().trim().min(1).optional(),
  KCC_CHAT_HOURS: z.string().trim().min(1).default('altijd'),
  KCC_WORKING_DAYS: z.string().trim().min(1).default('1-5'),
  KCC_HOLIDAYS: z.string().trim().default(''),
  KCC_CHAT_MAX_CONNECTIONS_PER_IP: int(1, 100_000).default(50),
  KCC_CHAT_MESSAGES_PER_MINUTE: int(1, 10_000).default(30),
  KCC_CHAT_CONNECTIONS_PER_IP_PER_MINUTE: int(1, 1_000_000).default(120),
  KCC_CHAT_CONNECTIONS_PER_MINUTE: int(1, 10_000_000).default(6000),
  KCC_CHAT_STARTS_PER_IP_PER_MINUTE: int(1, 1_000_000).default(10),
  KCC_CHAT_STARTS_PER_MINUTE: int(1, 10_000_000).default(600),
  KCC_CHAT_RESIDENT_GRACE_MS: int(1000, 3600_000).default(60_000),
  KCC_MAIL_FROM: z.string().trim().min(3).default('Gemeente Voorbeeld <klantcontact@gemeente.example>'),
  KCC_MAIL_MAX_BYTES: int(1024, 200 * 1024 * 1024).default(25 * 1024 * 1024),
  KCC_MAIL_MAX_ATTACHMENT_BYTES: int(1, 200 * 1024 * 1024).default(10 * 1024 * 1024),
  KCC_REPLY_AANHEF: z.string().default('Beste {naam},'),
  KCC_REPLY_AFSLUITING: z.string().default('Met vriendelijke groet,'),
  KCC_REPLY_SIGNATURE: z.string().default('Klantcontactcentrum\nGemeente Voorbeeld\nTelefoon 14 020'),
  KCC_ONTVANGSTBEVESTIGING: z.enum(['aan', 'uit'], "verwacht 'aan' of 'uit'").default('aan'),
  KCC_CTI_NUMBERS: z.string().trim().default(''),
  KCC_CTI_CALLBACK_QUEUES: z.string().trim().optional(),
  KCC_CALLBACK_MAX_ATTEMPTS: int(1, 10).default(3),
  KCC_CALLBACK_RETRY_MINUTES: int(1, 7 * 24 * 60).default(120),
  KCC_CHAT_QUEUE_PUSH_MS: int(200, 600_000).default(5000),
});

const DAY_NAMES = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'];

function parseClock(text: string): number | undefined {
  const m = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

/** `altijd`, or `<days> <HH:MM>-<HH:MM>` with ISO days (`1-5 08:30-17:00`). */
export function parseOpeningHours(text: string): OpeningHours | undefined {
  if (text === 'altijd' || text === 'always') return { kind: 'always' };
  const m = /^(\S+)\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const days = parseDayList(m[1] ?? '');
  const opens = parseClock(m[2] ?? '');
  const closes = parseClock(m[3] ?? '');
  if (!days || opens === undefined || closes === undefined || closes <= opens) return undefined;
  const ordered = [1, 2, 3, 4, 5, 6, 0].filter((d) => days.has(d)).map((d) => DAY_NAMES[d]);
  return {
    kind: 'hours',
    days,
    opensMinute: opens,
    closesMinute: closes,
    label: `${ordered.join(', ')} ${m[2]}–${m[3]}`,
  };
}

export function openingHoursLabel(hours: OpeningHours): string {
  return hours.kind === 'always' ? 'altijd' : hours.label;
}

export function isOpenAt(hours: OpeningHours, at: number, calendar: WorkingCalendar): boolean {
  if (hours.kind === 'always') return true;
  const d = new Date(at);
  const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  if (!hours.days.has(d.getDay()) || calendar.holidays.has(key)) return false;
  const minute = d.getHours() * 60 + d.getMinutes();
  return minute >= hours.opensMinute && minute < hours.closesMinute;
}

/** Parse the channel settings from the KCC_* environment; returns readable problems instead of throwing. */
export function parseChannelsEnv(
  env: Record<string, string | undefined>,
  demo: boolean,
): { ok: true; config: ChannelsConfig } | { ok: false; problems: string[] } {
  const parsed = ChannelsEnv.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const e = parsed.data;
  const problems: string[] = [];
  const chatHours = parseOpeningHours(e.KCC_CHAT_HOURS);
  if (!chatHours) problems.push("KCC_CHAT_HOURS: verwacht 'altijd' of bijvoorbeeld '1-5 08:30-17:00'");
  const workingDays = parseDayList(e.KCC_WORKING_DAYS);
  if (!workingDays) problems.push("KCC_WORKING_DAYS: verwacht bijvoorbeeld '1-5'");
  const holidays = e.KCC_HOLIDAYS.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const h of holidays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h) || Number.isNaN(Date.parse(h))) {
      problems.push(`KCC_HOLIDAYS: '${h}' is geen datum (JJJJ-MM-DD)`);
    }
  }
  const ctiNumbers = new Map<string, string>();
  for (const pair of e.KCC_CTI_NUMBERS.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const [number, queue] = pair.split('=').map((s) => s.trim());
    if (!number || !queue) problems.push(`KCC_CTI_NUMBERS: '${pair}' is geen nummer=wachtrij`);
    else ctiNumbers.set(number.replace(/[\s-]/g, ''), queue);
  }
  let widgetOrigins: ChannelsConfig['widgetOrigins'];
  if (e.KCC_WIDGET_ORIGINS === '*') widgetOrigins = '*';
  else if (e.KCC_WIDGET_ORIGINS !== undefined) {
    widgetOrigins = e.KCC_WIDGET_ORIGINS.split(',')
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter((s) => s !== '');
    for (const o of widgetOrigins) {
      if (!/^https?:\/\/[^/\s]+$/.test(o))
        problems.push(`KCC_WIDGET_ORIGINS: '${o}' is geen origin (https://host)`);
    }
  }
  if (problems.length > 0 || !chatHours || !workingDays) return { ok: false, problems };
  const callbackQueues = e.KCC_CTI_CALLBACK_QUEUES ?? (demo ? 'algemeen,belastingen' : '');
  return {
    ok: true,
    config: {
      widgetOrigins,
      chatHours,
      calendar: { workingDays, holidays: new Set(holidays) },
      chatMaxConnectionsPerIp: e.KCC_CHAT_MAX_CONNECTIONS_PER_IP,
      chatMessagesPerMinute: e.KCC_CHAT_MESSAGES_PER_MINUTE,
      chatFlood: {
        connectionsPerIpPerMinute: e.KCC_CHAT_CONNECTIONS_PER_IP_PER_MINUTE,
        connectionsPerMinute: e.KCC_CHAT_CONNECTIONS_PER_MINUTE,
        startsPerIpPerMinute: e.KCC_CHAT_STARTS_PER_IP_PER_MINUTE,
        startsPerMinute: e.KCC_CHAT_STARTS_PER_MINUTE,
        residentGraceMs: e.KCC_CHAT_RESIDENT_GRACE_MS,
      },
      mailFrom: e.KCC_MAIL_FROM,
      ontvangstbevestiging: e.KCC_ONTVANGSTBEVESTIGING === 'aan',
      mailMaxBytes: e.KCC_MAIL_MAX_BYTES,
      attachmentMaxBytes: e.KCC_MAIL_MAX_ATTACHMENT_BYTES,
      reply: {
        aanhef: e.KCC_REPLY_AANHEF.replace(/\\n/g, '\n'),
        afsluiting: e.KCC_REPLY_AFSLUITING.replace(/\\n/g, '\n'),
        signature: e.KCC_REPLY_SIGNATURE.replace(/\\n/g, '\n'),
      },
      ctiNumbers,
      ctiCallbackQueues: new Set(
        callbackQueues
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
      callbackMaxAttempts: e.KCC_CALLBACK_MAX_ATTEMPTS,
      callbackRetryMinutes: e.KCC_CALLBACK_RETRY_MINUTES,
      chatQueuePushMs: e.KCC_CHAT_QUEUE_PUSH_MS,
      smtpPortExplicit: env.KCC_SMTP_PORT !== undefined && env.KCC_SMTP_PORT !== '',
    },
  };
}
