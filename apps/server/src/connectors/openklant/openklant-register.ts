import type { InterneTaakView, KlantcontactView, PartijView } from '@kcc/contracts/rest';
import { canonicalPhone } from '../../modules/klantinteracties/phone';
import { bsnIdentificator, RegistrationError } from '../../modules/klantinteracties/ports';
import type { Klantregister, NieuwePersoon } from '../../modules/klantbeeld/ports';
import type { HttpClient } from '../http-client';
import type { OpenKlantOutbox, PendingRegistratie } from './openklant-outbox';
import type { OpenKlantReader } from './openklant-reader';

export const ZOEKEN_OP_NAAM_MELDING =
  'Open Klant kan niet op naam zoeken. Zoek op telefoonnummer, e-mailadres, BSN of KvK-nummer, of zoek de persoon op in de BRP.';

const byNewest = (a: KlantcontactView, b: KlantcontactView) =>
  b.plaatsgevondenOp.localeCompare(a.plaatsgevondenOp);

/**
 * Open Klant as the klantregister of the contact panel: recognition, search and new partijen in Open Klant;
 * the history is Open Klant's, plus this workplace's registrations the outbox has not forwarded yet (marked
 * `doorsturen`), so a resident's story is complete even while Open Klant is catching up.
 */
const naamVan = (namen: ReadonlyMap<string, string>, code: string) => namen.get(code) ?? code;

export function createOpenKlantRegister(deps: {
  http: HttpClient;
  reader: OpenKlantReader;
  outbox: OpenKlantOutbox;
  /** Names of the gespreksresultaat codes (Open Klant keeps the code in `metadata`). */
  gespreksresultaatNamen: () => Promise<ReadonlyMap<string, string>>;
}): Klantregister {
  const { http, reader, outbox } = deps;
  const pendingContact =
    (namen: ReadonlyMap<string, string>) =>
    ({ registratie: r, state }: PendingRegistratie): KlantcontactView => ({
      uuid: r.lokaal.klantcontactUuid,
      kanaal: r.klantcontact.kanaal,
      onderwerp: r.klantcontact.onderwerp,
      inhoud: r.klantcontact.inhoud ?? '',
      ...(r.klantcontact.reactie ? { reactie: r.klantcontact.reactie } : {}),
      plaatsgevondenOp: r.klantcontact.plaatsgevondenOp,
      ...(r.klantcontact.metadata?.gespreksresultaat
        ? { gespreksresultaat: naamVan(namen, r.klantcontact.metadata.gespreksresultaat) }
        : {}),
      medewerker: r.medewerker.naam,
      doorsturen: state === 'wachtend' ? 'wachtend' : 'mislukt',
    });
  const pendingTaak = ({ registratie: r }: PendingRegistratie): InterneTaakView[] =>
    r.interneTaak && r.lokaal.interneTaakUuid
      ? [
          {
            uuid: r.lokaal.interneTaakUuid,
            gevraagdeHandeling: r.interneTaak.gevraagdeHandeling,
            ...(r.interneTaak.toelichting ? { toelichting: r.interneTaak.toelichting } : {}),
            status: 'te_verwerken',
            toegewezenOp: r.klantcontact.plaatsgevondenOp,
            toegewezenAan: [r.interneTaak.toegewezenAan.naam],
            klantcontact: {
              uuid: r.lokaal.klantcontactUuid,
              onderwerp: r.klantcontact.onderwerp,
              kanaal: r.klantcontact.kanaal,
            },
          },
        ]
      : [];
  // Remote first, then the outbox: a registration forwarded in between is already in the remote answer.
  const notIn = (remoteUuids: Set<string>) => (p: PendingRegistratie) =>
    !p.remoteKlantcontactUuid || !remoteUuids.has(p.remoteKlantcontactUuid);

  return {
    bron: 'extern',
    recognise: (from) => reader.recognise(from),
    getPartij: (uuid) => reader.getPartij(uuid),
    partijMetIdentificator: (soort, objectId) => reader.partijMetIdentificator(soort, objectId),

    async klantcontactenVan(partijUuid, limit) {
      const remote = await reader.klantcontactenVan(partijUuid, limit);
      const pending = (await outbox.pendingFor(partijUuid)).filter(notIn(new Set(remote.map((k) => k.uuid))));
      const namen = await deps.gespreksresultaatNamen();
      return [
        ...pending.map(pendingContact(namen)),
        ...remote.map((k) =>
          k.gespreksresultaat ? { ...k, gespreksresultaat: naamVan(namen, k.gespreksresultaat) } : k,
        ),
      ]
        .sort(byNewest)
        .slice(0, limit);
    },

    async openInterneTakenVanPartij(partijUuid) {
      const remote = await reader.openInterneTakenVanPartij(partijUuid);
      const remoteKc = new Set(remote.map((t) => t.klantcontact.uuid));
      const pending = await outbox.pendingFor(partijUuid);
      return [...pending.filter(notIn(remoteKc)).flatMap(pendingTaak), ...remote];
    },

    async searchPartijen(query, limit) {
      const q = query.trim();
      const found = new Map<string, PartijView>();
      const add = (list: (PartijView | undefined)[]) =>
        list.forEach((p) => p && !found.has(p.uuid) && found.set(p.uuid, p));
      let searched = false;
      if (/^[0-9]{9}$/.test(q)) {
        searched = true;
        add([await reader.partijMetIdentificator('bsn', q)]);
      }
      if (/^[0-9]{8}$/.test(q)) {
        searched = true;
        add([await reader.partijMetIdentificator('kvk_nummer', q)]);
      }
      const phone = canonicalPhone(q);
      if (phone) {
        searched = true;
        add(await reader.partijenMetAdres('telefoonnummer', phone));
      }
      if (q.includes('@')) {
        searched = true;
        add(await reader.partijenMetAdres('email', q.toLowerCase()));
      }
      const items = [...found.values()].slice(0, limit);
      return searched ? { items } : { items, melding: ZOEKEN_OP_NAAM_MELDING };
    },

    async createPersoon(input: NieuwePersoon) {
      if (input.bsn) {
        // Open Klant keeps one partij per BSN: an existing one is linked, not duplicated.
        const existing = await reader.partijMetIdentificator('bsn', input.bsn);
        if (existing) return existing;
      }
      const phone = input.telefoonnummer ? canonicalPhone(input.telefoonnummer) : undefined;
      if (input.telefoonnummer && !phone) {
        throw new RegistrationError('telefoonnummer', 'invalid', 'Dit telefoonnummer is niet geldig.');
      }
      const { uuid } = (
        await http.request<{ uuid: string }>({
          method: 'POST',
          path: '/partijen',
          body: {
            soortPartij: 'persoon',
            indicatieActief: true,
            indicatieGeheimhouding: false,
            voorkeurstaal: 'nld',
            partijIdentificatie: {
              contactnaam: {
                voornaam: input.voornaam ?? '',
                voorvoegselAchternaam: input.voorvoegselAchternaam ?? '',
                achternaam: input.achternaam,
              },
            },
            partijIdentificatoren: input.bsn ? [bsnIdentificator(input.bsn)] : [],
          },
        })
      ).body;
      const adressen = [
        ...(phone ? [{ adres: phone, soortDigitaalAdres: 'telefoonnummer' as const }] : []),
        ...(input.email ? [{ adres: input.email, soortDigitaalAdres: 'email' as const }] : []),
      ];
      const digitaleAdressen: PartijView['digitaleAdressen'] = [];
      try {
        for (const a of adressen) {
          const res = await http.request<{ uuid: string }>({
            method: 'POST',
            path: '/digitaleadressen',
            body: {
              ...a,
              verstrektDoorPartij: { uuid },
              verstrektDoorBetrokkene: null,
              isStandaardAdres: true,
              omschrijving: 'Opgegeven bij aanmaken',
            },
          });
          digitaleAdressen.push({ uuid: res.body.uuid, ...a, isStandaardAdres: true });
        }
      } catch (err) {
        // No half-created partij: the agent tries again and would otherwise create a second one.
        await http
          .request({ method: 'DELETE', path: `/partijen/${uuid}`, acceptStatus: [404] })
          .catch(() => undefined);
        throw err;
      }
      const naam = [input.voornaam, input.voorvoegselAchternaam, input.achternaam].filter(Boolean).join(' ');
      return {
        uuid,
        soortPartij: 'persoon',
        naam,
        ...(input.bsn ? { bsn: input.bsn } : {}),
        digitaleAdressen,
      };
    },
  };
}
