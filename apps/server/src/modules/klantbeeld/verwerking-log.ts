import type { IntegraalKlantbeeld } from '@kcc/contracts/klantbeeld';
import type { Gegevensbron } from '@kcc/contracts/verwerkingen';
import type { Verwerking, VerwerkingenLog } from '../audit';

export interface KlantbeeldRead {
  at: number;
  userId: string;
  doel: string;
  contactId?: string | undefined;
  partijUuid?: string | undefined;
  bsn?: string | undefined;
  /** How the person was involved, with the identification level, e.g. `Klant (identificatieniveau: herkend)`. */
  betrokkenheid?: string | undefined;
}

/** Categories of personal data per source that a klantbeeld actually showed (sections that loaded). */
export function verwerkteGegevens(k: IntegraalKlantbeeld): { bron: Gegevensbron; categorieen: string[] }[] {
  const out: { bron: Gegevensbron; categorieen: string[] }[] = [];
  if (k.identiteit.status === 'beschikbaar') {
    out.push({
      bron: k.identiteit.data.soort === 'persoon' ? 'brp' : 'kvk',
      categorieen:
        k.identiteit.data.soort === 'persoon'
          ? ['identificatie (BRP, ter verificatie)']
          : ['identificatie (Handelsregister)'],
    });
  }
  const ki = [
    ...(k.contactgegevens.status === 'beschikbaar' ? ['contactgegevens'] : []),
    ...(k.klantcontacten.status === 'beschikbaar' ? ['klantcontacten'] : []),
    ...(k.interneTaken.status === 'beschikbaar' ? ['interne taken'] : []),
  ];
  if (ki.length > 0) out.push({ bron: 'klantinteracties', categorieen: ki });
  if (k.zaken.status === 'beschikbaar') out.push({ bron: 'zaken', categorieen: ['zaken'] });
  return out;
}

/**
 * Log one klantbeeld view: one verwerking per source, each with the categories it delivered. Nothing is
 * logged without a natural person (no BSN and no partij), e.g. a KvK company not known as a partij. Resolves once
 * every line is committed (await it before answering).
 */
export async function logKlantbeeldRead(
  log: VerwerkingenLog,
  read: KlantbeeldRead,
  k: IntegraalKlantbeeld,
  /** Only these sources (the caller logs the others itself). */
  only?: readonly Gegevensbron[],
): Promise<void> {
  if (read.partijUuid === undefined && read.bsn === undefined) return;
  for (const { bron, categorieen } of verwerkteGegevens(k)) {
    if (only && !only.includes(bron)) continue;
    const v: Verwerking = {
      at: read.at,
      userId: read.userId,
      handeling: 'inzien',
      ...(read.partijUuid !== undefined ? { partijUuid: read.partijUuid } : {}),
      ...(read.bsn !== undefined ? { bsn: read.bsn } : {}),
      categorieen,
      doel: read.doel,
      ...(read.contactId !== undefined ? { contactId: read.contactId } : {}),
      gegevensbron: bron,
      ...(read.betrokkenheid !== undefined ? { betrokkenheid: read.betrokkenheid } : {}),
    };
    await log.log(v);
  }
}
