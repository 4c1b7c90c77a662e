import type { PartijView } from '@kcc/contracts/rest';

/** "Geboren in 1961 · Kerkstraat, Voorbeeldstad": what tells two persons with one number or name apart. */
export function onderscheidTekst(partij: Pick<PartijView, 'onderscheid'>): string {
  const o = partij.onderscheid;
  if (!o) return '';
  const adres = [o.straat, o.woonplaats].filter(Boolean).join(', ');
  return [o.geboortejaar !== undefined ? `Geboren in ${o.geboortejaar}` : '', adres]
    .filter(Boolean)
    .join(' · ');
}
