import { CHAT_LIMITS, CITIZEN_CONNECT_ERRORS, CITIZEN_ERRORS } from '@kcc/contracts/channels';
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, ERROR_CODES, LIMITS, SERVER_EVENTS } from './protocol';

describe('protocol', () => {
  it('uses the contract’s limits and error codes (values, not only types)', () => {
    expect(LIMITS).toEqual(CHAT_LIMITS);
    for (const [name, code] of Object.entries(CITIZEN_ERRORS)) {
      expect(ERROR_CODES[name as keyof typeof ERROR_CODES], name).toBe(code);
    }
    for (const [name, code] of Object.entries(CITIZEN_CONNECT_ERRORS)) {
      expect(ERROR_CODES[name as keyof typeof ERROR_CODES], name).toBe(code);
    }
  });

  it('keeps the CONTRACT.md event names exactly', () => {
    expect(CLIENT_EVENTS).toMatchObject({
      start: 'chat:start',
      message: 'chat:message',
      resume: 'chat:resume',
    });
    expect(SERVER_EVENTS).toMatchObject({ message: 'chat:message', ended: 'chat:ended' });
  });

  it('every event name is `chat:<verb>` and unique per direction', () => {
    for (const events of [CLIENT_EVENTS, SERVER_EVENTS]) {
      const names = Object.values(events);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^chat:[a-z-]+$/);
    }
  });
});
