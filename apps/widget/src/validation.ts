import { MAX_MESSAGE_LENGTH } from './protocol';
import { TEXTS } from './texts';

/** A refusal of the resident's input before anything is sent; `field` is the form control's name. */
export interface FieldError {
  field?: string;
  message: string;
}

/** The resident's preferred callback window, as ISO date-times (`terugbellen.voorkeurVan/Tot`). */
export interface CallbackWindow {
  voorkeurVan: string;
  voorkeurTot: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** Dutch and international numbers as the server accepts them (+, digits, spaces, dashes, brackets); 10–15 digits. */
const PHONE = /^\+?[\d ()-]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

export function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return value.length <= 20 && PHONE.test(value) && digits.length >= 10 && digits.length <= 15;
}

export function checkMessage(text: string, field = 'text'): FieldError | null {
  if (text.length === 0) return { field, message: TEXTS.emptyMessage };
  if (text.length > MAX_MESSAGE_LENGTH) return { field, message: TEXTS.tooLong };
  return null;
}

/**
 * Turns a day (yyyy-mm-dd) and two times (hh:mm) in the resident's local time into an ISO window.
 * Returns a FieldError when it is incomplete, reversed or in the past.
 */
export function callbackWindow(
  date: string,
  from: string,
  to: string,
  now: Date,
): { window: CallbackWindow } | { error: FieldError } {
  if (!date || !from || !to)
    return {
      error: { field: !date ? 'date' : !from ? 'from' : 'to', message: TEXTS.callbackWindowRequired },
    };
  const start = localDateTime(date, from);
  const end = localDateTime(date, to);
  if (!start || !end) return { error: { field: 'date', message: TEXTS.callbackWindowRequired } };
  if (end.getTime() <= start.getTime()) return { error: { field: 'to', message: TEXTS.callbackWindowOrder } };
  if (end.getTime() <= now.getTime()) return { error: { field: 'date', message: TEXTS.callbackWindowPast } };
  return { window: { voorkeurVan: start.toISOString(), voorkeurTot: end.toISOString() } };
}

function localDateTime(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const value = new Date(year, month - 1, day, hour, minute);
  // Rejects impossible dates such as 2026-02-31 (Date would roll them over).
  if (value.getMonth() !== month - 1 || value.getDate() !== day || hour > 23 || minute > 59) return null;
  return value;
}
