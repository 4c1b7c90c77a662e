import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { isOpenAt, parseChannelsEnv, parseOpeningHours } from './channels.config';

describe('channel configuration', () => {
  it('has working defaults (chat always open, callbacks after abandoned demo calls)', () => {
    const r = parseChannelsEnv({}, true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.chatHours).toEqual({ kind: 'always' });
    expect([...r.config.ctiCallbackQueues]).toEqual(['algemeen', 'belastingen']);
    expect(r.config.widgetOrigins).toBeUndefined();
    expect(r.config.smtpPortExplicit).toBe(false);
  });

  it('parses opening hours, holidays, numbers and origins', () => {
    const r = parseChannelsEnv(
      {
        KCC_CHAT_HOURS: '1-5 08:30-17:00',
        KCC_HOLIDAYS: '2026-12-25, 2026-12-26',
        KCC_CTI_NUMBERS: '14 020=algemeen,0201234567=belastingen',
        KCC_WIDGET_ORIGINS: 'https://www.gemeente.nl/, https://gemeente.nl',
        KCC_SMTP_PORT: '25',
      },
      false,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cal = r.config.calendar;
    const hours = r.config.chatHours;
    expect(isOpenAt(hours, new Date('2026-03-09T09:00:00').getTime(), cal)).toBe(true);
    expect(isOpenAt(hours, new Date('2026-03-09T17:00:00').getTime(), cal)).toBe(false);
    expect(isOpenAt(hours, new Date('2026-03-07T10:00:00').getTime(), cal)).toBe(false);
    expect(isOpenAt(hours, new Date('2026-12-25T10:00:00').getTime(), cal)).toBe(false);
    expect(r.config.ctiNumbers.get('14020')).toBe('algemeen');
    expect(r.config.widgetOrigins).toEqual(['https://www.gemeente.nl', 'https://gemeente.nl']);
    expect(r.config.ctiCallbackQueues.size).toBe(0);
    expect(r.config.smtpPortExplicit).toBe(true);
    expect(parseOpeningHours('1-5 17:00-08:00')).toBeUndefined();
  });

  it('refuses bad values with a readable message', () => {
    expect(() => loadConfig({ KCC_CHAT_HOURS: 'kantoortijden' })).toThrow(ConfigError);
    expect(() => loadConfig({ KCC_HOLIDAYS: '25-12-2026' })).toThrow(/KCC_HOLIDAYS/);
    expect(() => loadConfig({ KCC_WIDGET_ORIGINS: 'gemeente.nl' })).toThrow(/KCC_WIDGET_ORIGINS/);
    expect(() => loadConfig({ KCC_CHAT_MESSAGES_PER_MINUTE: '0' })).toThrow(/KCC_CHAT_MESSAGES_PER_MINUTE/);
    expect(() => loadConfig({ KCC_CTI_NUMBERS: '14020' })).toThrow(/KCC_CTI_NUMBERS/);
  });
});
