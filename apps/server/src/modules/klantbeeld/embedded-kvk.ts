import type { OrganisatieIdentiteit, OrganisatieZoekResultaat } from '@kcc/contracts/klantbeeld';
import { DEMO_ORGANISATIES, type DemoOrganisatie } from './demo-registers-data';
import { KVK_MAX_RESULTATEN, type KvkPort } from './ports';
import { assertHuisnummer, assertKvkNummer, normalisePostcode } from './validation';
import { RegisterInputError } from './ports';

const adresregels = (o: DemoOrganisatie) => [
  `${o.straat} ${o.huisnummer}`,
  `${o.postcode.slice(0, 4)} ${o.postcode.slice(4)} ${o.plaats}`,
];

/** The embedded KvK Handelsregister (demo companies), with the Zoeken API's input rules. */
export function createEmbeddedKvk(organisaties: readonly DemoOrganisatie[] = DEMO_ORGANISATIES): KvkPort {
  const resultaat = (o: DemoOrganisatie): OrganisatieZoekResultaat => ({
    kvkNummer: o.kvkNummer,
    vestigingsnummer: o.vestigingsnummer,
    naam: o.naam,
    type: 'hoofdvestiging',
    adresregels: adresregels(o),
    actief: true,
  });
  return {
    bron: 'embedded',
    async zoek(vraag) {
      let found: DemoOrganisatie[];
      if (vraag.type === 'kvkNummer') {
        assertKvkNummer(vraag.kvkNummer);
        found = organisaties.filter((o) => o.kvkNummer === vraag.kvkNummer);
      } else if (vraag.type === 'naam') {
        const q = vraag.naam.trim().toLowerCase();
        if (q.length < 2) throw new RegisterInputError('naam', 'Typ minstens 2 tekens van de naam.');
        found = organisaties.filter((o) => o.naam.toLowerCase().includes(q));
      } else {
        const postcode = normalisePostcode(vraag.postcode);
        assertHuisnummer(vraag.huisnummer);
        found = organisaties.filter((o) => o.postcode === postcode && o.huisnummer === vraag.huisnummer);
      }
      return {
        items: found.slice(0, KVK_MAX_RESULTATEN).map(resultaat),
        maximumBereikt: found.length > KVK_MAX_RESULTATEN,
      };
    },
    async basisprofiel(kvkNummer) {
      assertKvkNummer(kvkNummer);
      const o = organisaties.find((x) => x.kvkNummer === kvkNummer);
      if (!o) return undefined;
      const profiel: OrganisatieIdentiteit = {
        soort: 'organisatie',
        kvkNummer: o.kvkNummer,
        naam: o.naam,
        rsin: o.rsin,
        rechtsvorm: o.rechtsvorm,
        adresregels: adresregels(o),
        sbiActiviteiten: o.sbi,
        registratiedatum: o.registratiedatum,
      };
      return profiel;
    },
  };
}
