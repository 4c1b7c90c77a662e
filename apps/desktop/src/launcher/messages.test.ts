import { describe, expect, it } from 'vitest';
import { electronUnavailableLine, exitCodeOf, firstProblemLine, readyLines } from './messages';

describe('launcher messages', () => {
  it('says in one line that Electron is missing and where the browser workplace is', () => {
    const line = electronUnavailableLine('binary\nontbreekt', 'http://127.0.0.1:4700/');
    expect(line).toBe(
      'Electron is niet beschikbaar (binary ontbreekt); de werkplek draait in de browser op http://127.0.0.1:4700/',
    );
    expect(line).not.toContain('\n');
  });

  it('prints the URL and, with demo data, the demo logins', () => {
    expect(readyLines('http://127.0.0.1:4700/', true).join('\n')).toMatch(
      /http:\/\/127\.0\.0\.1:4700\/[\s\S]*anna\/demo/,
    );
    expect(readyLines('http://127.0.0.1:4700/', false).join('\n')).not.toContain('demo');
  });

  it('picks the telling line of a failed Electron start', () => {
    expect(
      firstProblemLine('\n[123:ERROR:ozone_platform_x11.cc] Missing X server or $DISPLAY\nmore'),
    ).toContain('Missing X server');
    expect(firstProblemLine('just one line')).toBe('just one line');
    expect(firstProblemLine('  \n')).toBeUndefined();
  });

  it('maps signals to shell exit codes', () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(3, null)).toBe(3);
    expect(exitCodeOf(null, 'SIGINT')).toBe(130);
    expect(exitCodeOf(null, 'SIGTERM')).toBe(143);
  });
});
