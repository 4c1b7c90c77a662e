import type { PersoonIdentiteit, PersoonZoekResultaat } from '@kcc/contracts/klantbeeld';
import { DEMO_PERSONEN, type DemoPersoon } from './demo-registers-data';
import { BRP_MAX_RESULTATEN, BRP_MAX_RESULTATEN_ADRES, type BrpPort, type BrpZoekVraag } from './ports';
import {
  assertBsn,
  assertDatum,
  assertGeslachtsnaam,
  assertHuisnummer,
  normalisePostcode,
} from './validation';

export function volledigeNaam(p: {
  voornamen?: string;
  voorvoegsel?: string;
  geslachtsnaam?: string;
}): string {
  return [p.voornamen, p.voorvoegsel, p.geslachtsnaam].filter((s) => s !== undefined && s !== '').join(' ');
}

function adresregels(p: DemoPersoon): string[] {
  return [
    `${p.straat} ${p.huisnummer}`,
    `${p.postcode.slice(0, 4)} ${p.postcode.slice(4)}  ${p.woonplaats.toUpperCase()}`,
  ];
}

/** `jans*` → prefix match; otherwise case-insensitive equality (BRP GeslachtsnaamFilter). */
function naamMatcht(filter: string, naam: string): boolean {
  const f = filter.toLowerCase();
  const n = naam.toLowerCase();
  return f.endsWith('*') ? n.startsWith(f.slice(0, -1)) : n === f;
}

/** The embedded BRP (demo persons). Applies the same validation, purpose-bound fields and caps as the real API. */
export function createEmbeddedBrp(personen: readonly DemoPersoon[] = DEMO_PERSONEN): BrpPort {
  const levend = () => personen.filter((p) => !p.overleden);
  const beperkt = (p: DemoPersoon): PersoonZoekResultaat => ({
    bsn: p.bsn,
    volledigeNaam: volledigeNaam(p),
    geboortedatum: p.geboortedatum,
    adresregels: adresregels(p),
    geheimhouding: p.geheimhouding === true,
  });
  return {
    bron: 'embedded',
    async zoek(vraag: BrpZoekVraag) {
      let found: DemoPersoon[];
      let cap = BRP_MAX_RESULTATEN;
      if (vraag.type === 'bsn') {
        assertBsn(vraag.bsn);
        found = levend().filter((p) => p.bsn === vraag.bsn);
      } else if (vraag.type === 'naam') {
        assertGeslachtsnaam(vraag.geslachtsnaam);
        assertDatum(vraag.geboortedatum);
        found = levend().filter(
          (p) => naamMatcht(vraag.geslachtsnaam, p.geslachtsnaam) && p.geboortedatum === vraag.geboortedatum,
        );
      } else {
        const postcode = normalisePostcode(vraag.postcode);
        assertHuisnummer(vraag.huisnummer);
        cap = BRP_MAX_RESULTATEN_ADRES;
        found = levend().filter((p) => p.postcode === postcode && p.huisnummer === vraag.huisnummer);
      }
      return { items: found.slice(0, cap).map(beperkt), maximumBereikt: found.length >= cap };
    },
    async raadpleeg(bsn) {
      assertBsn(bsn);
      const p = personen.find((x) => x.bsn === bsn);
      if (!p) return undefined;
      const identiteit: PersoonIdentiteit = {
        soort: 'persoon',
        bsn: p.bsn,
        naam: {
          voornamen: p.voornamen,
          ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
          geslachtsnaam: p.geslachtsnaam,
          volledigeNaam: volledigeNaam(p),
        },
        geboortedatum: p.geboortedatum,
        adresregels: adresregels(p),
        geheimhouding: p.geheimhouding === true,
        opgeschort: p.overleden === true,
        gebruik: 'alleen ter verificatie',
      };
      return identiteit;
    },
  };
}
