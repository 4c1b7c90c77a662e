import { describe, expect, it } from 'vitest';
import { mayGrantPermission } from './permission-policy';

const server = 'http://127.0.0.1:4700';

describe('mayGrantPermission', () => {
  it('grants notifications and media to the workplace origin only', () => {
    expect(mayGrantPermission('notifications', 'http://127.0.0.1:4700/', server)).toBe(true);
    expect(mayGrantPermission('media', 'http://127.0.0.1:4700/softphone', server)).toBe(true);
    expect(mayGrantPermission('media', 'https://evil.example/', server)).toBe(false);
    expect(mayGrantPermission('notifications', 'not a url', server)).toBe(false);
  });

  it.each([
    'geolocation',
    'clipboard-read',
    'openExternal',
    'display-capture',
    'usb',
    'fullscreen',
    'unknown',
  ])('denies %s even to the workplace', (permission) => {
    expect(mayGrantPermission(permission, 'http://127.0.0.1:4700/', server)).toBe(false);
  });
});
