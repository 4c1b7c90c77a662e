import type { KlantinteractiesPort } from '../klantinteracties/ports';
import type { KlantinteractiesReader } from './ports';

/** The klantbeeld's view of the embedded Klantinteracties store (synchronous SQLite behind an async port). */
export function createEmbeddedKlantinteractiesReader(
  port: () => KlantinteractiesPort,
): KlantinteractiesReader {
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
        const r = port().recognise({ bsn: objectId });
        return r.herkenning === 'bsn' ? r.partij : undefined;
      }
      return port()
        .searchPartijen(objectId, 10)
        .find((p) => p.kvkNummer === objectId);
    },
    async klantcontactenVan(partijUuid, limit) {
      return port().klantcontactenVan(partijUuid, limit);
    },
    async openInterneTakenVanPartij(partijUuid) {
      return port().openInterneTakenVanPartij(partijUuid);
    },
  };
}
