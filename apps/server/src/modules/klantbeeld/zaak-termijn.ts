import type { ZaakView } from '@kcc/contracts/klantbeeld';

/** The deadline that counts: einddatumGepland, else uiterlijkeEinddatumAfdoening (YYYY-MM-DD). */
export function zaakDeadline(
  z: Pick<ZaakView, 'einddatumGepland' | 'uiterlijkeEinddatumAfdoening'>,
): string | undefined {
  return z.einddatumGepland ?? z.uiterlijkeEinddatumAfdoening;
}

/** Local calendar date YYYY-MM-DD (Europe/Amsterdam is what the agent sees; the server runs in that zone). */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function termijnVerstreken(
  z: Pick<ZaakView, 'einddatumGepland' | 'uiterlijkeEinddatumAfdoening'>,
  now: Date,
): boolean {
  const deadline = zaakDeadline(z);
  return deadline !== undefined && deadline < isoDate(now);
}

/** Soonest deadline first; zaken without a deadline last, newest start first among those. */
export function sortZaken(zaken: ZaakView[]): ZaakView[] {
  return [...zaken].sort((a, b) => {
    const da = zaakDeadline(a);
    const db = zaakDeadline(b);
    if (da && db) return da < db ? -1 : da > db ? 1 : 0;
    if (da) return -1;
    if (db) return 1;
    return a.startdatum < b.startdatum ? 1 : -1;
  });
}
