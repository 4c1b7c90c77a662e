import type { PersoonIdentiteit, VerificatieRequest } from '@kcc/contracts/klantbeeld';

const normalisePostcode = (p: string) => p.replace(/\s+/g, '').toUpperCase();

/** `1234 AB  APELDOORN` → `1234AB`. */
export function postcodeUit(adresregels: readonly string[]): string | undefined {
  for (const regel of adresregels) {
    const m = /\b([1-9][0-9]{3})\s?([A-Za-z]{2})\b/.exec(regel);
    if (m) return `${m[1]}${m[2]!.toUpperCase()}`;
  }
  return undefined;
}

/** `Kerkstraat 12 A` / `Dorpsweg 12-2` → 12: the last word that starts with a digit (adresregel1). */
export function huisnummerUit(adresregels: readonly string[]): number | undefined {
  const regel = adresregels[0];
  if (regel === undefined) return undefined;
  const woord = regel
    .trim()
    .split(/\s+/)
    .slice(1)
    .reverse()
    .find((w) => /^[0-9]/.test(w));
  return woord === undefined ? undefined : Number.parseInt(woord, 10);
}

/**
 * Compares what the resident said with the BRP, on the server: all three answers must match. The caller learns
 * only whether everything matched, not which answer was wrong (that would help someone guess).
 */
export function antwoordenKloppen(brp: PersoonIdentiteit, antwoord: VerificatieRequest): boolean {
  const postcode = postcodeUit(brp.adresregels);
  const huisnummer = huisnummerUit(brp.adresregels);
  if (brp.geboortedatum === undefined || postcode === undefined || huisnummer === undefined) return false;
  return (
    brp.geboortedatum === antwoord.geboortedatum &&
    postcode === normalisePostcode(antwoord.postcode) &&
    huisnummer === antwoord.huisnummer
  );
}
