import type { FastifyInstance } from 'fastify';
import type { AuditLog, VerwerktObjectInput } from './audit-log';

export const KI_API_PREFIX = '/klantinteracties/api/v1';
export const SYSTEEM_KI_API = 'klantinteracties-api (integratie)';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const uuidOf = (v: unknown): string | undefined =>
  isObject(v) && typeof v.uuid === 'string' ? v.uuid : undefined;

/**
 * Finds the partijen behind klantcontacten (through their betrokkenen). The Klantinteracties module provides it
 * (`KlantinteractiesModule.klantcontactPartijen`); a provider without it finds none.
 */
export type KlantcontactPartijen = (klantcontactUuids: string[]) => string[];

const SOORTEN: Record<string, string[]> = {
  partijen: ['identificatie', 'contactgegevens', 'adres'],
  klantcontacten: ['klantcontacten'],
  betrokkenen: ['contactnaam', 'adres'],
  digitaleadressen: ['contactgegevens'],
  'partij-identificatoren': ['identificatie'],
  rekeningnummers: ['bankrekening'],
  vertegenwoordigingen: ['vertegenwoordiging'],
  'categorie-relaties': ['categorie'],
};

/** The persons whose data a Klantinteracties API response holds. */
export function subjectsOfResponse(
  collection: string,
  body: unknown,
  query: Record<string, unknown>,
  klantcontactPartijen: KlantcontactPartijen,
): VerwerktObjectInput[] {
  const items: unknown[] = isObject(body) && Array.isArray(body.results) ? body.results : [body];
  const partijen = new Map<string, string | undefined>();
  const addPartij = (uuid: string | undefined, bsn?: string) => {
    if (uuid !== undefined) partijen.set(uuid, bsn ?? partijen.get(uuid));
  };
  const bsnOf = (partij: Json): string | undefined => {
    const ids = Array.isArray(partij.partijIdentificatoren) ? partij.partijIdentificatoren : [];
    for (const id of ids) {
      const pi = isObject(id) ? id.partijIdentificator : undefined;
      if (isObject(pi) && pi.codeSoortObjectId === 'bsn' && typeof pi.objectId === 'string')
        return pi.objectId;
    }
    return undefined;
  };
  if (collection === 'partijen') {
    for (const p of items) if (isObject(p)) addPartij(uuidOf(p), bsnOf(p));
  } else if (collection === 'klantcontacten') {
    const filtered = query.hadBetrokkene__wasPartij__uuid;
    if (typeof filtered === 'string' && items.length > 0) addPartij(filtered);
    const kcs = items
      .filter(isObject)
      .map(uuidOf)
      .filter((u): u is string => u !== undefined);
    for (const u of klantcontactPartijen(kcs)) addPartij(u);
  } else if (collection === 'betrokkenen') {
    for (const b of items) if (isObject(b)) addPartij(uuidOf(b.wasPartij));
  } else if (collection === 'digitaleadressen') {
    for (const d of items) if (isObject(d)) addPartij(uuidOf(d.verstrektDoorPartij));
  } else if (collection === 'partij-identificatoren') {
    for (const i of items) {
      if (!isObject(i)) continue;
      const pi = isObject(i.partijIdentificator) ? i.partijIdentificator : {};
      const bsn = pi.codeSoortObjectId === 'bsn' && typeof pi.objectId === 'string' ? pi.objectId : undefined;
      addPartij(uuidOf(i.identificeerdePartij), bsn);
    }
  } else if (collection === 'rekeningnummers' || collection === 'categorie-relaties') {
    for (const r of items) if (isObject(r)) addPartij(uuidOf(r.partij));
  } else if (collection === 'vertegenwoordigingen') {
    for (const v of items) {
      if (!isObject(v)) continue;
      addPartij(uuidOf(v.vertegenwoordigendePartij));
      addPartij(uuidOf(v.vertegenwoordigdePartij));
    }
  }
  return [...partijen].map(([partijUuid, bsn]) => ({
    partijUuid,
    bsn,
    betrokkenheid: 'Klant',
    soortenGegevens: SOORTEN[collection] ?? [],
  }));
}

/**
 * Reads through the Klantinteracties-compatible API (system-to-system, token auth) are logged too: one
 * verwerkingsactie per successful GET that returned personal data of identifiable persons, with the
 * integration as `systeem` and no gebruiker. Register before the API so the hook covers its routes.
 * The answer waits for the committed entry; when it cannot be written the request fails (the data is not handed
 * out unlogged).
 */
export function registerKlantinteractiesApiLogging(
  app: FastifyInstance,
  deps: { audit: AuditLog; klantcontactPartijen: (klantcontactUuids: string[]) => Promise<string[]> },
): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith(`${KI_API_PREFIX}/`)) return payload;
    const collection = path.slice(KI_API_PREFIX.length + 1).split('/')[0] ?? '';
    if (!(collection in SOORTEN)) return payload;
    const body: unknown = JSON.parse(payload);
    const items: unknown[] = isObject(body) && Array.isArray(body.results) ? body.results : [body];
    const klantcontacten =
      collection === 'klantcontacten'
        ? items
            .filter(isObject)
            .map(uuidOf)
            .filter((u): u is string => u !== undefined)
        : [];
    const partijen = klantcontacten.length > 0 ? await deps.klantcontactPartijen(klantcontacten) : [];
    const objecten = subjectsOfResponse(
      collection,
      body,
      (request.query ?? {}) as Record<string, unknown>,
      () => partijen,
    );
    if (objecten.length === 0) return payload;
    await deps.audit.record({
      handeling: path.split('/').length > KI_API_PREFIX.split('/').length + 1 ? 'inzien' : 'zoeken',
      actieNaam: `Levering via Klantinteracties API (${collection})`,
      doel: 'integratie',
      activiteit: 'kcc-integratie-klantinteracties',
      gegevensbron: 'klantinteracties',
      systeem: SYSTEEM_KI_API,
      objecten,
    });
    return payload;
  });
}
