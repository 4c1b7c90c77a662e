/** Exactly one line, printed when the desktop cannot be started; the browser workplace keeps running. */
export function electronUnavailableLine(reason: string, workplaceUrl: string): string {
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  return `Electron is niet beschikbaar (${oneLine}); de werkplek draait in de browser op ${workplaceUrl}`;
}

export const DEMO_LOGINS =
  'anna/demo en bram/demo (medewerker), tess/demo (teamleider), bea/demo (beheerder)';

export function readyLines(workplaceUrl: string, demo: boolean): string[] {
  const lines = [`KCC Werkplek is klaar: ${workplaceUrl}`];
  if (demo) lines.push(`Demo-accounts: ${DEMO_LOGINS}`);
  lines.push('Stoppen: Ctrl+C');
  return lines;
}

/** The most telling line of a failed Electron start (e.g. "Missing X server or $DISPLAY"). */
export function firstProblemLine(output: string): string | undefined {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.find((l) => /error|missing|cannot|failed|not supported|fatal/i.test(l)) ?? lines[0];
}

/** Exit code for a child that ended by a signal, as a shell reports it (SIGINT → 130, SIGTERM → 143). */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return 128 + (signal === null ? 1 : (numbers[signal] ?? 1));
}
