import type { Verwerking, VerwerkingenLog } from '../klantbeeld/verwerkingen';

/**
 * A verwerking with the identifiers of the betrokkene next to the partij: a BRP person or a KvK company need
 * not be a partij in Klantinteracties. `partijUuid` then carries `bsn:<bsn>` / `kvk:<nummer>`, and the
 * extra fields are there for a log implementation that stores them (the audit module).
 */
export type RegisterVerwerking = Verwerking & { bsn?: string; kvkNummer?: string };

export function betrokkeneId(v: { partijUuid?: string | undefined; bsn?: string | undefined; kvkNummer?: string | undefined }): string {
  if (v.partijUuid) return v.partijUuid;
  if (v.bsn) return `bsn:${v.bsn}`;
  if (v.kvkNummer) return `kvk:${v.kvkNummer}`;
  throw new Error('a verwerking needs a partij, BSN or KvK-nummer');
}

export function logRegisterRead(
  log: VerwerkingenLog,
  entry: Omit<RegisterVerwerking, 'partijUuid'> & { partijUuid?: string | undefined },
): void {
  const { partijUuid, bsn, kvkNummer, ...rest } = entry;
  const v: RegisterVerwerking = {
    ...rest,
    partijUuid: betrokkeneId({ partijUuid, bsn, kvkNummer }),
    ...(bsn !== undefined ? { bsn } : {}),
    ...(kvkNummer !== undefined ? { kvkNummer } : {}),
  };
  log.log(v);
}

/** Categories of personal data a klantbeeld actually showed (sections that loaded). */
export function categorieenVan(k: {
  identiteit: { status: string };
  contactgegevens: { status: string };
  klantcontacten: { status: string };
  interneTaken: { status: string };
  zaken: { status: string };
}): string[] {
  const out: string[] = [];
  if (k.identiteit.status === 'beschikbaar') out.push('identificatie');
  if (k.contactgegevens.status === 'beschikbaar') out.push('contactgegevens');
  if (k.klantcontacten.status === 'beschikbaar') out.push('klantcontacten');
  if (k.interneTaken.status === 'beschikbaar') out.push('interne taken');
  if (k.zaken.status === 'beschikbaar') out.push('zaken');
  return out;
}
