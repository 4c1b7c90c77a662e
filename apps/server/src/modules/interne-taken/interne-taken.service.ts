import type {
  InterneTaakDetail,
  InterneTaakNotitie,
  InterneTaakRegel,
  InterneTakenLijst,
  InterneTakenResponse,
} from '@kcc/contracts/interne-taken';
import { problems } from '../../http/problem';
import type { Clock } from '../../shared/clock';
import type { UnitOfWork } from '../../shared/domain-events';
import type { InterneTaakRecord, KlantinteractiesPort } from '../klantinteracties/index';
import type { AfdelingMedewerkersRepository } from './afdeling-medewerkers.repository';
import type { NotitiesRepository } from './notities.repository';

export interface Medewerker {
  id: string;
  username: string;
  name: string;
}

/** The verwerkingenlog as this module writes to it (audit/verwerkingen.ts implements it). */
export interface InzageLog {
  log(v: {
    at: number;
    userId: string;
    handeling: 'inzien';
    partijUuid: string;
    categorieen: string[];
    doel: string;
    gegevensbron: 'klantinteracties';
  }): Promise<void>;
}

/** Purpose of reading an opened taak (KLANTBEELD_DOELEN; activity kcc-terugbelverzoek in audit/register.ts). */
export const DOEL_INTERNE_TAAK = 'interne_taak_afhandelen';

const afdelingVan = (t: InterneTaakRecord) =>
  t.actoren.find((a) => a.soortActor === 'organisatorische_eenheid');
const medewerkerVan = (t: InterneTaakRecord) => t.actoren.find((a) => a.soortActor === 'medewerker');
const ref = (a: { uuid: string; naam: string } | undefined) =>
  a ? { uuid: a.uuid, naam: a.naam } : undefined;

function regel(t: InterneTaakRecord): InterneTaakRegel {
  const afdeling = ref(afdelingVan(t));
  const medewerker = ref(medewerkerVan(t));
  return {
    uuid: t.uuid,
    gevraagdeHandeling: t.gevraagdeHandeling,
    status: t.status,
    toegewezenOp: t.toegewezenOp,
    ...(t.afgehandeldOp ? { afgehandeldOp: t.afgehandeldOp } : {}),
    ...(afdeling ? { afdeling } : {}),
    ...(medewerker ? { medewerker } : {}),
    klantcontact: {
      uuid: t.klantcontact.uuid,
      onderwerp: t.klantcontact.onderwerp,
      kanaal: t.klantcontact.kanaal,
    },
  };
}

/**
 * Who may do what with an interne taak: a medewerker works the taken addressed to them and those of the
 * afdelingen they belong to. "Oppakken" makes them the taak's medewerker (in Klantinteracties, so colleagues
 * and other systems see it); only the medewerker the taak is with can finish it.
 */
export function createInterneTakenService(deps: {
  port: () => KlantinteractiesPort;
  leden: AfdelingMedewerkersRepository;
  notities: NotitiesRepository;
  log: InzageLog;
  clock: Clock;
  /** After every change `interne-taken-changed` is recorded: lists of colleagues refresh. */
  events: UnitOfWork;
}) {
  const { leden, notities } = deps;
  const mijnActor = async (m: Medewerker) =>
    (await deps.port().medewerkerActor({ userId: m.id, username: m.username, name: m.name })).uuid;

  const mijnAfdelingen = async (m: Medewerker) => {
    const ids = new Set(await leden.afdelingenVan(m.id));
    return (await deps.port().afdelingen())
      .filter((a) => ids.has(a.actorUuid))
      .map((a) => ({ uuid: a.actorUuid, naam: a.naam }));
  };

  /** The taak, if this medewerker may work it (404 when it does not exist, 403 when it is not theirs). */
  async function taakVoor(
    m: Medewerker,
    uuid: string,
    afdelingen: ReadonlySet<string>,
  ): Promise<{ taak: InterneTaakRecord; mijn: boolean; actor: string }> {
    const taak = await deps.port().interneTaak(uuid);
    if (!taak) throw problems.notFound('Deze interne taak bestaat niet.');
    const actor = await mijnActor(m);
    const mijn = taak.actoren.some((a) => a.uuid === actor);
    if (!mijn && !taak.actoren.some((a) => afdelingen.has(a.uuid))) {
      throw problems.forbidden('Deze taak is niet voor u of uw afdeling.');
    }
    return { taak, mijn, actor };
  }

  const afdelingenVan = async (m: Medewerker) => new Set(await leden.afdelingenVan(m.id));

  const open = (taak: InterneTaakRecord) => {
    if (taak.status === 'verwerkt') throw problems.conflict('Deze taak is al afgerond.');
  };

  return {
    async lijst(m: Medewerker, lijst: InterneTakenLijst): Promise<InterneTakenResponse> {
      const afdelingen = await mijnAfdelingen(m);
      const actoren = lijst === 'mijn' ? [await mijnActor(m)] : afdelingen.map((a) => a.uuid);
      return { afdelingen, items: (await deps.port().openInterneTakenVanActoren(actoren)).map(regel) };
    },

    /** Opening a taak shows the resident's question and name: logged with its purpose before it is returned. */
    async detail(m: Medewerker, uuid: string): Promise<InterneTaakDetail> {
      const { taak, mijn } = await taakVoor(m, uuid, await afdelingenVan(m));
      if (taak.partij) {
        await deps.log.log({
          at: deps.clock.now(),
          userId: m.id,
          handeling: 'inzien',
          partijUuid: taak.partij.uuid,
          categorieen: ['klantcontacten', 'interne taken'],
          doel: DOEL_INTERNE_TAAK,
          gegevensbron: 'klantinteracties',
        });
      }
      const kc = taak.klantcontact;
      const isOpen = taak.status === 'te_verwerken';
      const ander = medewerkerVan(taak);
      return {
        ...regel(taak),
        toelichting: taak.toelichting,
        toegewezenAan: taak.actoren.map((a) => ({ uuid: a.uuid, naam: a.naam, soort: a.soortActor })),
        klantcontact: {
          uuid: kc.uuid,
          onderwerp: kc.onderwerp,
          kanaal: kc.kanaal,
          inhoud: kc.inhoud,
          ...(kc.reactie ? { reactie: kc.reactie } : {}),
          plaatsgevondenOp: kc.plaatsgevondenOp,
          ...(kc.medewerker ? { medewerker: kc.medewerker } : {}),
        },
        ...(taak.partij ? { partij: taak.partij } : {}),
        notities: await notities.van(taak.uuid),
        magOppakken: isOpen && !mijn && ander === undefined,
        magAfronden: isOpen && mijn,
      };
    },

    async oppakken(m: Medewerker, uuid: string): Promise<InterneTaakRegel> {
      const { taak, mijn } = await taakVoor(m, uuid, await afdelingenVan(m));
      open(taak);
      if (mijn) return regel(taak);
      const ander = medewerkerVan(taak);
      if (ander) throw problems.conflict(`${ander.naam} heeft deze taak al opgepakt.`);
      const claimed = await deps
        .port()
        .wijsInterneTaakToe(uuid, { userId: m.id, username: m.username, name: m.name });
      deps.events.record({ type: 'interne-taken-changed' });
      return regel(claimed);
    },

    async notitie(m: Medewerker, uuid: string, tekst: string): Promise<InterneTaakNotitie> {
      const { taak } = await taakVoor(m, uuid, await afdelingenVan(m));
      open(taak);
      const n = await notities.voegToe({
        taakUuid: uuid,
        userId: m.id,
        auteur: m.name,
        tekst,
        at: deps.clock.now(),
      });
      deps.events.record({ type: 'interne-taken-changed' });
      return n;
    },

    async afronden(m: Medewerker, uuid: string): Promise<InterneTaakRegel> {
      const { taak, mijn } = await taakVoor(m, uuid, await afdelingenVan(m));
      open(taak);
      if (!mijn) throw problems.conflict('Pak de taak eerst op. Daarna kunt u hem afronden.');
      const done = await deps.port().rondInterneTaakAf(uuid, new Date(deps.clock.now()));
      deps.events.record({ type: 'interne-taken-changed' });
      return regel(done);
    },
  };
}

export type InterneTakenService = ReturnType<typeof createInterneTakenService>;
