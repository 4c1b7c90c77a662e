import type { KlantinteractiesPort } from '../klantinteracties/ports';
import type { Klantregister } from './ports';

/** The embedded Klantinteracties store as klantregister. */
export function createEmbeddedKlantregister(port: () => KlantinteractiesPort): Klantregister {
  return {
    bron: 'embedded',
    async recognise(from) {
      return port().recognise(from);
    },
    async getPartij(uuid) {
      return port().getPartij(uuid);
    },
    async partijMetIdentificator(soort, objectId) {
      if (soort === 'bsn') {
        const r = await port().recognise({ bsn: objectId });
        return r.herkenning === 'bsn' ? r.partij : undefined;
      }
      return (await port().searchPartijen(objectId, 10)).find((p) => p.kvkNummer === objectId);
    },
    async klantcontactenVan(partijUuid, limit) {
      return port().klantcontactenVan(partijUuid, limit);
    },
    async openInterneTakenVanPartij(partijUuid) {
      return port().openInterneTakenVanPartij(partijUuid);
    },
    async searchPartijen(query, limit) {
      return { items: await port().searchPartijen(query, limit) };
    },
    async createPersoon(input) {
      // One partij per BSN: an existing one is linked, not duplicated (as with Open Klant).
      const existing = input.bsn ? await port().recognise({ bsn: input.bsn }) : undefined;
      return existing?.herkenning === 'bsn' && existing.partij
        ? existing.partij
        : port().createPersoon(input);
    },
  };
}
