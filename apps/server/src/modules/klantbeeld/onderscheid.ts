import type { PersoonZoekResultaat } from '@kcc/contracts/klantbeeld';
import type { PartijView } from '@kcc/contracts/rest';

export type Onderscheid = NonNullable<PartijView['onderscheid']>;

export interface AdresZoekVraag {
  postcode: string;
  huisnummer: number;
  /** Huisletter and/or toevoeging as typed (`a`, `2`, `bis`), compared with the BRP's first address line. */
  toevoeging?: string;
}

/**
 * A search box text that is a Dutch postcode with a house number: `1234 AB 12`, `1234AB 12a`, `1234 ab, 12-2`,
 * `1234AB12 A`. Anything else (a name, a phone number) is undefined.
 */
export function parseAdresZoekvraag(q: string): AdresZoekVraag | undefined {
  const m = /^\s*([1-9][0-9]{3})\s?([a-z]{2})[\s,]*([1-9][0-9]{0,4})(?:[\s-]*([a-z0-9]{1,4}))?\s*$/i.exec(q);
  if (!m) return undefined;
  const [, cijfers, letters, nummer, toevoeging] = m;
  return {
    postcode: `${cijfers}${letters?.toUpperCase()}`,
    huisnummer: Number(nummer),
    ...(toevoeging ? { toevoeging: toevoeging.toLowerCase() } : {}),
  };
}

/** Whether the BRP's first address line (`Dorpsstraat 12 A`, `Dorpsstraat 12-2`) has this huisletter/toevoeging. */
export function heeftToevoeging(adresregel1: string | undefined, vraag: AdresZoekVraag): boolean {
  if (vraag.toevoeging === undefined) return true;
  const m = new RegExp(`\\b${vraag.huisnummer}[\\s-]*([a-z0-9]+)?\\s*$`, 'i').exec(adresregel1 ?? '');
  return (m?.[1] ?? '').toLowerCase() === vraag.toevoeging;
}

const titel = (s: string) =>
  s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

/**
 * The minimum that tells persons apart: year of birth, street (without house number) and woonplaats (without
 * postcode). See the contract's `onderscheid` for why not more.
 */
export function onderscheidVan(
  persoon: Pick<PersoonZoekResultaat, 'geboortedatum' | 'adresregels'>,
): Onderscheid {
  const jaar = /^(\d{4})/.exec(persoon.geboortedatum ?? '')?.[1];
  const straat = /^(.*?)\s+\d/.exec(persoon.adresregels[0] ?? '')?.[1]?.trim();
  const woonplaats = /^\d{4}\s?[A-Z]{2}\s+(.+)$/i.exec(persoon.adresregels[1] ?? '')?.[1]?.trim();
  return {
    ...(jaar ? { geboortejaar: Number(jaar) } : {}),
    ...(straat ? { straat } : {}),
    ...(woonplaats ? { woonplaats: titel(woonplaats) } : {}),
  };
}
