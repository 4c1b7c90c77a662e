import type { ZaakView } from '@kcc/contracts/klantbeeld';
import { DEMO_ORGANISATIES, DEMO_ZAKEN, type DemoZaak } from './demo-registers-data';
import type { OrganisatieIdentificatie, ZakenPort } from './ports';
import { isoDate, sortZaken, termijnVerstreken } from './zaak-termijn';
import { assertBsn, assertKvkNummer, assertRsin, assertVestigingsnummer } from './validation';

const DAY = 24 * 3600 * 1000;

/** The embedded zaaksysteem (demo zaken with statuses; some past their deadline). Dates are relative to `now`. */
export function createEmbeddedZaken(
  now: () => Date = () => new Date(),
  zaken: readonly DemoZaak[] = DEMO_ZAKEN,
): ZakenPort {
  const view = (z: DemoZaak): ZaakView => {
    const t = now().getTime();
    const dag = (offset: number) => isoDate(new Date(t + offset * DAY));
    const v: ZaakView = {
      uuid: z.uuid,
      identificatie: z.identificatie,
      omschrijving: z.omschrijving,
      zaaktype: z.zaaktype,
      startdatum: dag(-z.startDagenGeleden),
      ...(z.einddatumGeplandOver !== undefined ? { einddatumGepland: dag(z.einddatumGeplandOver) } : {}),
      ...(z.uiterlijkeEinddatumOver !== undefined
        ? { uiterlijkeEinddatumAfdoening: dag(z.uiterlijkeEinddatumOver) }
        : {}),
      status: {
        omschrijving: z.status.omschrijving,
        ...(z.status.statustekst ? { statustekst: z.status.statustekst } : {}),
        datumStatusGezet: new Date(t - z.status.dagenGeleden * DAY).toISOString(),
        isEindstatus: z.status.isEindstatus,
      },
      behandelaar: z.behandelaar,
      documenten: z.documenten.map((d) => ({ titel: d.titel, registratiedatum: dag(-d.dagenGeleden) })),
      termijnVerstreken: false,
    };
    v.termijnVerstreken = termijnVerstreken(v, now());
    return v;
  };
  const lopend = (pred: (z: DemoZaak) => boolean) =>
    sortZaken(zaken.filter((z) => !z.afgesloten && pred(z)).map(view));

  return {
    bron: 'embedded',
    async zakenVanPersoon(bsn) {
      assertBsn(bsn);
      return lopend((z) => z.bsn === bsn);
    },
    async zakenVanOrganisatie(id: OrganisatieIdentificatie) {
      if (id.rsin !== undefined) assertRsin(id.rsin);
      if (id.kvkNummer !== undefined) assertKvkNummer(id.kvkNummer);
      if (id.vestigingsnummer !== undefined) assertVestigingsnummer(id.vestigingsnummer);
      const org = DEMO_ORGANISATIES.find(
        (o) =>
          (id.rsin !== undefined && o.rsin === id.rsin) ||
          (id.kvkNummer !== undefined && o.kvkNummer === id.kvkNummer) ||
          (id.vestigingsnummer !== undefined && o.vestigingsnummer === id.vestigingsnummer),
      );
      return org ? lopend((z) => z.rsin === org.rsin) : [];
    },
    async getZaak(uuid) {
      const z = zaken.find((x) => x.uuid === uuid);
      return z ? view(z) : undefined;
    },
  };
}
