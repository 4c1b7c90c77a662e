import { createHash, randomUUID } from 'node:crypto';
import type {
  ChainStatus,
  Gegevensbron,
  Handeling,
  VerwerkingsactieDto,
  VerwerkingsactiviteitCode,
  VerwerktObjectDto,
} from '@kcc/contracts/verwerkingen';
import type { Store } from '../../store/store';
import { NIET_GEIDENTIFICEERD } from './audit.migrations';
import type { BsnProtection } from './bsn-protection';
import type { CheckpointSigner } from './checkpoints';
import {
  createAuditRepository,
  type ActieQuery,
  type NewActie,
  type NewObject,
  type SubjectMatch,
} from './audit.repository';
import { chainHash, verifyChain, type ActieRow, type ObjectRow } from './hash-chain';
import { activiteit, activiteitById, activiteitVoorDoel, doelOmschrijving } from './register';

export const SYSTEEM_WERKPLEK = 'kcc-werkplek';

/**
 * The person whose data was processed: a partij, a BSN, or neither when the resident was not identified (an
 * anonymous chat); the object then names the action's klantcontact (`contactId` is required for that).
 */
export interface VerwerktObjectInput {
  partijUuid?: string | undefined;
  bsn?: string | undefined;
  /** How the person was involved, e.g. `Klant`, `Kandidaat bij klantherkenning`. Default `Klant`. */
  betrokkenheid?: string | undefined;
  /** Categories of data processed, e.g. `identificatie`, `contactgegevens`, `zaken`. */
  soortenGegevens: readonly string[];
}

export interface VerwerkingsactieInput {
  /** When it happened (ms). Default: now. */
  tijdstip?: number | undefined;
  handeling: Handeling;
  actieNaam?: string | undefined;
  /** `contact:<id>`, a KLANTBEELD_DOELEN code, `inzageverzoek`, … */
  doel: string;
  /** Default: derived from `doel`. */
  activiteit?: VerwerkingsactiviteitCode | undefined;
  contactId?: string | undefined;
  verwerkingId?: string | undefined;
  gegevensbron: Gegevensbron;
  /** Default `kcc-werkplek`. */
  systeem?: string | undefined;
  /** The person who did it; absent for system-to-system reads. Name and role are looked up when missing. */
  gebruiker?: { id: string; naam?: string | undefined; rol?: string | undefined } | undefined;
  objecten: readonly VerwerktObjectInput[];
  /** Set when copying a row of the legacy `verwerkingen` table. */
  legacySeq?: number | undefined;
}

export type AuditSubject = { bsn: string } | { partijUuid: string };

export interface AuditFilter {
  subject: AuditSubject;
  /** Inclusive, ms. */
  vanMs?: number | undefined;
  /** Exclusive, ms. */
  totMs?: number | undefined;
  activiteitId?: string | undefined;
}

export interface AuditLogDeps {
  protection: BsnProtection;
  /** Base URL for the `url` fields (the server's public URL). */
  baseUrl: string;
  /** OIN of the municipality (VNG `uitvoerder`), when configured. */
  uitvoerder?: string | undefined;
  /** The BSN of a partij, when known: stored with the object so the log is searchable per BSN. */
  bsnOfPartij?: ((partijUuid: string) => Promise<string | undefined>) | undefined;
  /** Partijen that carry this BSN: a BSN search also finds actions logged with only a partij uuid. */
  partijenMetBsn?: ((bsn: string) => Promise<string[]>) | undefined;
  gebruiker?: ((userId: string) => { naam: string; rol: string } | undefined) | undefined;
  now?: (() => number) | undefined;
  /** Verifies the checkpoints that pruning after the bewaartermijn leaves (prune.ts). */
  checkpoints?: CheckpointSigner | undefined;
}

export interface AuditLog {
  /**
   * Append one verwerkingsactie (with its objects) to the chain. Resolves once it is committed; rejects when it
   * cannot be stored (fail closed: the caller must not hand out the data then).
   */
  record(input: VerwerkingsactieInput): Promise<{ actieId: string; seq: number }>;
  /** Actions involving the subject, newest first; only the subject's own objects are returned. */
  list(
    filter: AuditFilter,
    page: { offset: number; limit: number },
  ): Promise<{ count: number; items: VerwerkingsactieDto[] }>;
  /** Every action involving the subject, newest first (exports). */
  all(filter: AuditFilter): Promise<VerwerkingsactieDto[]>;
  get(actieId: string): Promise<VerwerkingsactieDto | undefined>;
  /** One verwerkt object with its action (the action limited to that object). */
  getObject(verwerktObjectId: string): Promise<VerwerkingsactieDto | undefined>;
  verify(): Promise<ChainStatus>;
  /** Copy rows of the legacy `verwerkingen` table that are not in the chain yet. Returns how many. */
  importLegacy(): Promise<number>;
  /** HMAC of a BSN, as stored. */
  bsnKey(bsn: string): string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable UUID for a non-UUID id (name-based, SHA-256, version nibble 5). */
function uuidFromName(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ACTIE_NAMEN: Record<Handeling, string> = {
  inzien: 'Gegevens inzien',
  zoeken: 'Zoeken',
  koppelen: 'Klant koppelen aan contact',
  aanmaken: 'Klant aanmaken',
  exporteren: 'Gegevens exporteren',
};

const BRON_NAMEN: Record<Gegevensbron, string> = {
  klantinteracties: 'Klantinteracties',
  brp: 'BRP',
  zaken: 'Zaken',
  kvk: 'KvK',
  verwerkingenlog: 'Verwerkingenlog',
};

export function createAuditLog(store: Store, deps: AuditLogDeps): AuditLog {
  const now = deps.now ?? Date.now;
  const base = deps.baseUrl.replace(/\/+$/, '');
  const { protection } = deps;
  const repo = createAuditRepository(store);

  const resolveBsn = async (o: VerwerktObjectInput): Promise<string | undefined> => {
    if (o.bsn !== undefined) return o.bsn;
    if (o.partijUuid === undefined || !deps.bsnOfPartij) return undefined;
    try {
      return await deps.bsnOfPartij(o.partijUuid);
    } catch {
      // The register lookup only enriches the entry; the entry itself must still be written.
      return undefined;
    }
  };

  /** Everything of an entry but its place in the chain: worked out before the unit of work (lookups, crypto). */
  const prepare = async (
    input: VerwerkingsactieInput,
  ): Promise<{ actie: NewActie; objecten: NewObject[] }> => {
    if (input.objecten.length === 0)
      throw new Error('Een verwerkingsactie heeft minstens één verwerkt object.');
    const act = activiteit(input.activiteit ?? activiteitVoorDoel(input.doel));
    const tijdstipMs = Math.trunc(input.tijdstip ?? now());
    let gebruiker = input.gebruiker;
    if (gebruiker && (gebruiker.naam === undefined || gebruiker.rol === undefined)) {
      const found = deps.gebruiker?.(gebruiker.id);
      gebruiker = { id: gebruiker.id, naam: gebruiker.naam ?? found?.naam, rol: gebruiker.rol ?? found?.rol };
    }
    const verwerkingId =
      input.verwerkingId ??
      (input.contactId !== undefined
        ? UUID_RE.test(input.contactId)
          ? input.contactId.toLowerCase()
          : uuidFromName(`kcc-contact:${input.contactId}`)
        : randomUUID());
    const actie: NewActie = {
      actie_id: randomUUID(),
      actie_naam: input.actieNaam ?? `${ACTIE_NAMEN[input.handeling]} (${BRON_NAMEN[input.gegevensbron]})`,
      handeling: input.handeling,
      verwerking_id: verwerkingId,
      activiteit_id: act.id,
      activiteit_code: act.code,
      vertrouwelijkheid: act.vertrouwelijkheid,
      bewaartermijn: act.bewaartermijn,
      uitvoerder: deps.uitvoerder ?? null,
      systeem: input.systeem ?? SYSTEEM_WERKPLEK,
      gebruiker_id: gebruiker?.id ?? null,
      gebruiker_naam: gebruiker?.naam ?? null,
      gebruiker_rol: gebruiker?.rol ?? null,
      gegevensbron: input.gegevensbron,
      doel: input.doel,
      contact_id: input.contactId ?? null,
      tijdstip_ms: tijdstipMs,
      tijdstip: new Date(tijdstipMs).toISOString(),
      tijdstip_registratie: new Date(now()).toISOString(),
      legacy_seq: input.legacySeq ?? null,
    };
    const bsns = await Promise.all(input.objecten.map(resolveBsn));
    const objecten: NewObject[] = input.objecten.map((o, ordinal) => {
      const bsn = bsns[ordinal];
      const identified = o.partijUuid !== undefined || bsn !== undefined;
      if (!identified && input.contactId === undefined) {
        throw new Error('Een verwerkt object heeft een partij, een BSN of een klantcontact nodig.');
      }
      return {
        ordinal,
        verwerkt_object_id: randomUUID(),
        partij_uuid: o.partijUuid ?? null,
        bsn_hmac: bsn !== undefined ? protection.hmac(bsn) : null,
        bsn_enc: bsn !== undefined ? protection.encrypt(bsn) : null,
        betrokkenheid: identified ? (o.betrokkenheid ?? 'Klant') : NIET_GEIDENTIFICEERD,
        soorten_gegevens: JSON.stringify([...o.soortenGegevens]),
      };
    });
    return { actie, objecten };
  };

  const record = async (input: VerwerkingsactieInput): Promise<{ actieId: string; seq: number }> => {
    const prepared = await prepare(input);
    const [seq] = await repo.append([prepared], chainHash);
    return { actieId: prepared.actie.actie_id, seq: seq! };
  };

  // ------------------------------------------------------------ reading
  const objectDto = (o: ObjectRow, a: ActieRow): VerwerktObjectDto => {
    const bsn = o.bsn_enc !== null ? protection.decrypt(o.bsn_enc) : undefined;
    return {
      verwerktObjectId: o.verwerkt_object_id,
      objecttype: 'persoon',
      soortObjectId: bsn !== undefined ? 'BSN' : o.partij_uuid !== null ? 'partij' : 'klantcontact',
      objectId: bsn ?? o.partij_uuid ?? a.contact_id ?? '',
      ...(o.partij_uuid !== null ? { partijUuid: o.partij_uuid } : {}),
      ...(bsn !== undefined ? { bsn } : {}),
      betrokkenheid: o.betrokkenheid,
      verwerkteSoortenGegevens: (JSON.parse(o.soorten_gegevens) as string[]).map((soortGegeven) => ({
        soortGegeven,
      })),
    };
  };

  const actieDto = (a: ActieRow, objecten: readonly ObjectRow[]): VerwerkingsactieDto => ({
    actieId: a.actie_id,
    url: `${base}/api/audit/verwerkingsacties/${a.actie_id}`,
    actieNaam: a.actie_naam,
    handelingNaam: a.handeling as Handeling,
    verwerkingNaam: activiteitById(a.activiteit_id)?.naam ?? a.activiteit_code,
    verwerkingId: a.verwerking_id,
    verwerkingsactiviteitId: a.activiteit_id,
    verwerkingsactiviteitCode: a.activiteit_code as VerwerkingsactiviteitCode,
    vertrouwelijkheid: a.vertrouwelijkheid as 'normaal' | 'vertrouwelijk',
    bewaartermijn: a.bewaartermijn,
    ...(a.uitvoerder !== null ? { uitvoerder: a.uitvoerder } : {}),
    systeem: a.systeem,
    ...(a.gebruiker_id !== null
      ? {
          gebruiker: {
            id: a.gebruiker_id,
            naam: a.gebruiker_naam ?? a.gebruiker_id,
            rol: a.gebruiker_rol ?? '',
          },
        }
      : {}),
    gegevensbron: a.gegevensbron as Gegevensbron,
    doel: a.doel,
    doelOmschrijving: doelOmschrijving(a.doel),
    ...(a.contact_id !== null ? { contactId: a.contact_id } : {}),
    tijdstip: a.tijdstip,
    tijdstipRegistratie: a.tijdstip_registratie,
    verwerkteObjecten: objecten.map((o) => objectDto(o, a)),
  });

  const subjectMatch = async (subject: AuditSubject): Promise<SubjectMatch> => {
    if ('bsn' in subject) {
      return {
        bsnHmac: protection.hmac(subject.bsn),
        partijen: (await deps.partijenMetBsn?.(subject.bsn)) ?? [],
      };
    }
    const bsn = await deps.bsnOfPartij?.(subject.partijUuid);
    return { bsnHmac: bsn !== undefined ? protection.hmac(bsn) : null, partijen: [subject.partijUuid] };
  };

  const query = async (filter: AuditFilter): Promise<ActieQuery> => ({
    match: await subjectMatch(filter.subject),
    vanMs: filter.vanMs ?? Number.MIN_SAFE_INTEGER,
    totMs: filter.totMs ?? Number.MAX_SAFE_INTEGER,
    activiteitId: filter.activiteitId ?? null,
  });

  const withObjects = async (match: SubjectMatch, acties: ActieRow[]): Promise<VerwerkingsactieDto[]> => {
    if (acties.length === 0) return [];
    const objecten = await repo.matchingObjects(
      match,
      acties.map((a) => a.seq),
    );
    const bySeq = new Map<number, ObjectRow[]>();
    for (const o of objecten) bySeq.set(o.actie_seq, [...(bySeq.get(o.actie_seq) ?? []), o]);
    return acties.map((a) => actieDto(a, bySeq.get(a.seq) ?? []));
  };

  const HANDELINGEN = new Set<string>(['inzien', 'zoeken', 'koppelen', 'aanmaken', 'exporteren']);

  return {
    record,
    async list(filter, page) {
      const q = await query(filter);
      const count = await repo.count(q);
      const acties = await repo.page(q, page);
      return { count, items: await withObjects(q.match, acties) };
    },
    async all(filter) {
      const q = await query(filter);
      return withObjects(q.match, await repo.page(q, { offset: 0 }));
    },
    async get(actieId) {
      const a = await repo.actieById(actieId);
      return a ? actieDto(a, await repo.objectsOf(a.seq)) : undefined;
    },
    async getObject(verwerktObjectId) {
      const o = await repo.objectById(verwerktObjectId);
      const a = o ? await repo.actieBySeq(o.actie_seq) : undefined;
      return o && a ? actieDto(a, [o]) : undefined;
    },
    verify: () => repo.readChain((reader) => verifyChain(reader, () => new Date(now()), deps.checkpoints)),
    async importLegacy() {
      const rows = await repo.legacyRowsAfter(await repo.lastLegacySeq());
      if (rows.length === 0) return 0;
      const prepared = await Promise.all(
        rows.map((r) =>
          prepare({
            tijdstip: r.at,
            handeling: (HANDELINGEN.has(r.handeling) ? r.handeling : 'inzien') as Handeling,
            doel: r.doel,
            contactId: r.contact_id ?? undefined,
            gegevensbron: 'klantinteracties',
            gebruiker: { id: r.user_id },
            objecten: [{ partijUuid: r.partij_uuid, soortenGegevens: JSON.parse(r.categorieen) as string[] }],
            legacySeq: r.seq,
          }),
        ),
      );
      await repo.append(prepared, chainHash);
      return rows.length;
    },
    bsnKey: (bsn) => protection.hmac(bsn),
  };
}
