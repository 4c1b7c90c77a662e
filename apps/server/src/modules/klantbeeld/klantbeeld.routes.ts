import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User } from '@kcc/contracts/domain';
import {
  type ContactKlantbeeldResponse,
  DoelQuery,
  VerificatieRequest,
  type VerificatieResponse,
  niveauMinstens,
} from '@kcc/contracts/klantbeeld';
import {
  type KlantbeeldResponse,
  LinkPartijRequest,
  type LinkPartijResponse,
  type PartijSearchResponse,
  type PartijView,
} from '@kcc/contracts/rest';
import { ConnectorError } from '../../connectors/errors';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { HttpProblem, problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import { toContactDto } from '../contacts/contacts.repository';
import { RegistrationError } from '../klantinteracties/ports';
import type { RoutingService } from '../routing/routing.service';
import type { KlantbeeldService } from './klantbeeld.service';
import type { BrpPort, Klantregister } from './ports';
import { registerProblem, resolveDoel, type Doelbinding } from './registers.routes';
import { logKlantbeeldRead } from './verwerking-log';
import { AFGESCHERMD_MELDING, type IdentificatieStore } from './identificatie';
import { heeftToevoeging, onderscheidVan, parseAdresZoekvraag } from './onderscheid';
import { antwoordenKloppen } from './verificatie';
import type { VerwerkingenLog } from '../audit';

const ContactParams = z.object({ id: z.string().min(1).max(100) });
const SearchQuery = DoelQuery.extend({
  q: z.string().trim().min(2, 'Typ minstens 2 tekens').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const KLANTBEELD_CATEGORIEEN = ['identificatie', 'contactgegevens', 'klantcontacten', 'interne taken'];
export const KLANTREGISTER_STORING =
  'Het klantregister is nu niet bereikbaar. Daarom is de klant niet herkend. Probeer het zo opnieuw.';

/** Errors of the klantregister as problems: bad input 400, refused by Open Klant 422, unreachable 503. */
function klantregisterProblem(err: unknown): never {
  if (err instanceof RegistrationError) {
    throw problems.invalid([{ name: `nieuw.${err.field}`, code: err.code, reason: err.reason }]);
  }
  if (err instanceof ConnectorError && err.kind === 'bad_request') {
    throw problems.unprocessable(
      'Het klantregister heeft deze gegevens geweigerd. Controleer ze en probeer opnieuw.',
    );
  }
  return registerProblem(err, 'Het klantregister');
}

/**
 * The klantbeeld for the contact an agent holds, searching a partij and linking an unknown caller to one,
 * all against the klantregister (the embedded store, or Open Klant when configured).
 * Every view of personal data is logged with the contact as purpose.
 */
export function registerKlantbeeldRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    klantregister: Klantregister;
    verwerkingen: VerwerkingenLog;
    routing: RoutingService;
    /** Composes the integraal klantbeeld (BRP, zaken, klantcontacten…) of a recognised partij. */
    klantbeeld: KlantbeeldService;
    /** Verification and DigiD per contact. */
    identificatie: IdentificatieStore;
    /** The BRP that verification answers are compared with. */
    brp: BrpPort;
    now: () => number;
  },
): void {
  const agent = { preHandler: deps.guard.require('medewerker') };
  const register = deps.klantregister;

  const heldContact = async (
    request: FastifyRequest,
    user: User,
    activeOnly: boolean,
  ): Promise<ContactRecord> => {
    const { id } = parseOrThrow(ContactParams, request.params, 'params');
    const contact = await deps.contacts.get(id);
    if (!contact) throw problems.notFound('Dit contact bestaat niet.');
    if (contact.assignedAgentId !== user.id) throw problems.forbidden('U behandelt dit contact niet.');
    if (activeOnly && contact.status !== 'assigned' && contact.status !== 'nawerk') {
      throw problems.forbidden('Dit contact is afgesloten; het klantbeeld is niet meer beschikbaar.');
    }
    return contact;
  };

  app.get('/api/contacts/:id', agent, async (request) => {
    return toContactDto(await heldContact(request, currentUser(request), false));
  });

  app.get('/api/contacts/:id/klantbeeld', agent, async (request) => {
    const user = currentUser(request);
    const contact = await heldContact(request, user, true);
    let herkenning: KlantbeeldResponse['herkenning'] = 'onbekend';
    let partij: PartijView | undefined;
    let kandidaten: PartijView[] = [];
    let storing: string | undefined;
    try {
      const linked =
        contact.partijUuid !== undefined ? await register.getPartij(contact.partijUuid) : undefined;
      if (linked) {
        herkenning = 'gekoppeld';
        partij = linked;
      } else {
        const r = await register.recognise(contact.from);
        herkenning = r.herkenning;
        partij = r.partij;
        kandidaten = r.kandidaten;
      }
    } catch (err) {
      request.log.warn({ err: String(err) }, 'klantregister niet bereikbaar bij klantherkenning');
      storing = KLANTREGISTER_STORING;
    }
    const identificatie = await deps.identificatie.identificatie(
      contact,
      partij ?? (contact.from.bsn !== undefined ? { bsn: contact.from.bsn } : undefined),
      herkenning === 'onbekend' ? undefined : herkenning,
    );
    const vastgesteld = niveauMinstens(identificatie.niveau, 'geverifieerd');
    // Below geverifieerd a BSN is a fact the agent has not established: it stays on the server.
    const zonderBsn = (p: PartijView): PartijView => {
      if (vastgesteld) return p;
      const { bsn: _bsn, ...rest } = p;
      return rest;
    };
    // Several partijen on one number or address: what tells them apart, read for this contact.
    if (kandidaten.length > 1) {
      const doel = {
        doel: `contact:${contact.id}`,
        omschrijving: `Contact via ${contact.channel}`,
        contactId: contact.id,
      };
      kandidaten = await metOnderscheid(kandidaten, user, doel, 'Kandidaat bij klantherkenning');
    }
    const response: ContactKlantbeeldResponse = {
      herkenning,
      kandidaten: kandidaten.map(zonderBsn),
      klantcontacten: [],
      openInterneTaken: [],
      identificatie,
      ...(partij ? { partij: zonderBsn(partij) } : {}),
      ...(storing !== undefined ? { storing } : {}),
    };
    const at = deps.now();
    const doel = `contact:${contact.id}`;
    const betrokkenheid = `Klant (identificatieniveau: ${identificatie.niveau})`;
    // A DigiD login whose BSN is not (yet) a partij: the klantbeeld is composed from the BSN alone.
    const bsn = partij?.bsn ?? (identificatie.niveau === 'geauthenticeerd' ? contact.from.bsn : undefined);
    if (partij || (vastgesteld && bsn !== undefined)) {
      const integraal = await deps.klantbeeld.compose({
        // Open Zaak's audit trail names the employee (username = employee identifier).
        namens: { id: user.username, naam: user.name },
        ...(partij ? { partij } : {}),
        ...(vastgesteld && bsn !== undefined ? { bsn } : {}),
        doel,
        doelOmschrijving: `Contact via ${contact.channel}`,
        ...(contact.subject ? { onderwerp: contact.subject } : {}),
        ...(vastgesteld ? {} : { afgeschermd: AFGESCHERMD_MELDING }),
      });
      response.integraal = integraal;
      if (integraal.klantcontacten.status === 'beschikbaar') {
        response.klantcontacten = integraal.klantcontacten.data.items;
      }
      if (integraal.interneTaken.status === 'beschikbaar') {
        response.openInterneTaken = integraal.interneTaken.data.items;
      }
      const read = {
        at,
        userId: user.id,
        doel,
        contactId: contact.id,
        partijUuid: partij?.uuid,
        bsn,
        betrokkenheid,
      };
      // BRP, KvK and zaken reads are logged per source; the Klantinteracties read is logged below.
      await logKlantbeeldRead(deps.verwerkingen, read, integraal, ['brp', 'kvk', 'zaken']);
      if (partij) {
        await deps.verwerkingen.log({
          at,
          userId: user.id,
          handeling: 'inzien',
          partijUuid: partij.uuid,
          ...(partij.bsn ? { bsn: partij.bsn } : {}),
          categorieen: KLANTBEELD_CATEGORIEEN,
          doel,
          contactId: contact.id,
          betrokkenheid,
        });
      }
    }
    for (const k of kandidaten) {
      if (k.uuid === partij?.uuid) continue;
      await deps.verwerkingen.log({
        at,
        userId: user.id,
        handeling: 'inzien',
        partijUuid: k.uuid,
        ...(k.bsn ? { bsn: k.bsn } : {}),
        categorieen: ['identificatie', 'contactgegevens'],
        doel,
        contactId: contact.id,
        betrokkenheid: 'Kandidaat bij klantherkenning (identificatieniveau: herkend)',
      });
    }
    return response;
  });

  app.post('/api/contacts/:id/verificatie', agent, async (request) => {
    const user = currentUser(request);
    const contact = await heldContact(request, user, true);
    const antwoord = parseOrThrow(VerificatieRequest, request.body, 'body');
    // The partij the klantbeeld shows: linked by the agent, or recognised.
    let partij: PartijView | undefined;
    try {
      partij =
        contact.partijUuid !== undefined
          ? await register.getPartij(contact.partijUuid)
          : (await register.recognise(contact.from)).partij;
    } catch (err) {
      return klantregisterProblem(err);
    }
    const voor = await deps.identificatie.identificatie(contact, partij);
    if (!voor.verificatie.mogelijk || partij?.bsn === undefined) {
      if (voor.verificatie.pogingenOver === 0 && voor.niveau === 'herkend') {
        throw new HttpProblem(429, 'Te veel pogingen', voor.verificatie.reden);
      }
      throw problems.conflict(voor.verificatie.reden ?? 'Verifiëren kan bij dit contact niet.');
    }
    const bsn = partij.bsn;
    let brp;
    try {
      brp = await deps.brp.raadpleeg(bsn);
    } catch (err) {
      return registerProblem(err, 'De BRP');
    }
    const at = deps.now();
    const gelukt = brp !== undefined && antwoordenKloppen(brp, antwoord);
    const p = partij;
    // The BRP data was compared (not shown): logged with verification as its purpose, before the outcome counts.
    await deps.verwerkingen.log({
      at,
      userId: user.id,
      handeling: 'inzien',
      partijUuid: p.uuid,
      bsn,
      categorieen: ['geboortedatum (BRP, vergeleken)', 'adres (BRP, vergeleken)'],
      doel: 'verificatie',
      contactId: contact.id,
      gegevensbron: 'brp',
      betrokkenheid: `Klant (verificatie ${gelukt ? 'gelukt' : 'mislukt'})`,
    });
    // The attempt, the level and the contact's event in one unit of work.
    const na = await deps.contacts.transaction(async () => {
      await deps.identificatie.recordVerification(contact.id, {
        userId: user.id,
        gelukt,
        partijUuid: p.uuid,
        at,
      });
      await deps.contacts.appendEvent({
        contactId: contact.id,
        type: gelukt ? 'geverifieerd' : 'verificatie-mislukt',
        at,
        agentId: user.id,
      });
      return deps.identificatie.identificatie(contact, p);
    });
    request.log.info({ contactId: contact.id, gelukt }, 'verificatie');
    const response: VerificatieResponse = {
      resultaat: gelukt ? 'geverifieerd' : 'onjuist',
      identificatie: na,
    };
    return response;
  });

  /**
   * What tells each person apart (issue 14 §8), read from the BRP for the search's purpose and logged per person.
   * A person the BRP does not know, or a BRP that does not answer, just gets no onderscheid.
   */
  const metOnderscheid = async (
    items: PartijView[],
    user: User,
    doel: Doelbinding,
    betrokkenheid: string,
  ): Promise<PartijView[]> =>
    Promise.all(
      items.map(async (p) => {
        if (p.bsn === undefined || p.soortPartij !== 'persoon' || p.onderscheid) return p;
        const persoon = await deps.brp
          .zoek({ type: 'bsn', bsn: p.bsn })
          .then((r) => r.items[0])
          .catch(() => undefined);
        if (!persoon) return p;
        await logOnderscheid(user, doel, p.bsn, p.uuid, betrokkenheid);
        return { ...p, onderscheid: onderscheidVan(persoon) };
      }),
    );
  const logOnderscheid = (
    user: User,
    doel: Doelbinding,
    bsn: string,
    partijUuid: string | undefined,
    betrokkenheid: string,
  ) =>
    deps.verwerkingen.log({
      at: deps.now(),
      userId: user.id,
      handeling: 'zoeken',
      bsn,
      ...(partijUuid !== undefined ? { partijUuid } : {}),
      categorieen: ['geboortejaar (BRP)', 'straat en woonplaats (BRP)'],
      doel: doel.doel,
      ...(doel.contactId !== undefined ? { contactId: doel.contactId } : {}),
      gegevensbron: 'brp',
      betrokkenheid,
    });

  /** Postcode + huisnummer: the BRP's residents of that address that are partijen in the klantregister. */
  const zoekOpAdres = async (
    q: string,
    limit: number,
    user: User,
    doel: Doelbinding,
  ): Promise<PartijSearchResponse | undefined> => {
    const vraag = parseAdresZoekvraag(q);
    if (!vraag) return undefined;
    const bewoners = await deps.brp
      .zoek({ type: 'adres', postcode: vraag.postcode, huisnummer: vraag.huisnummer })
      .catch((err: unknown) => registerProblem(err, 'De BRP'));
    const items: PartijView[] = [];
    let zonderPartij = 0;
    for (const persoon of bewoners.items.filter((b) => heeftToevoeging(b.adresregels[0], vraag))) {
      let partij: PartijView | undefined;
      try {
        partij = await register.partijMetIdentificator('bsn', persoon.bsn);
      } catch (err) {
        return klantregisterProblem(err);
      }
      await logOnderscheid(user, doel, persoon.bsn, partij?.uuid, 'Zoekresultaat (adres)');
      if (!partij) zonderPartij += 1;
      else if (items.length < limit) items.push({ ...partij, onderscheid: onderscheidVan(persoon) });
    }
    const melding =
      zonderPartij === 0
        ? undefined
        : zonderPartij === 1
          ? 'Op dit adres woont 1 persoon die nog geen klant is. Maak zo nodig een nieuwe klant aan.'
          : `Op dit adres wonen ${zonderPartij} personen die nog geen klant zijn. Maak zo nodig een nieuwe klant aan.`;
    return { items, ...(melding !== undefined ? { melding } : {}) };
  };

  app.get('/api/partijen', agent, async (request) => {
    const user = currentUser(request);
    const query = parseOrThrow(SearchQuery, request.query, 'query');
    const { q, limit } = query;
    // The purpose: the contact in whose klantbeeld the search box is, or a stated doel. Reading the BRP (address
    // search, onderscheid) needs one; a search of the klantregister alone is logged as `zoeken-partij` without.
    const stated = query.contactId !== undefined || query.doel !== undefined;
    const doel: Doelbinding | undefined = stated ? await resolveDoel(deps.contacts, user, query) : undefined;
    if (!doel && parseAdresZoekvraag(q)) await resolveDoel(deps.contacts, user, query); // throws: no purpose
    let result: PartijSearchResponse;
    try {
      result =
        (doel ? await zoekOpAdres(q, limit, user, doel) : undefined) ??
        (await register.searchPartijen(q, limit));
    } catch (err) {
      if (err instanceof HttpProblem) throw err;
      return klantregisterProblem(err);
    }
    const at = Date.now();
    await Promise.all(
      result.items.map((p) =>
        deps.verwerkingen.log({
          at,
          userId: user.id,
          handeling: 'zoeken',
          partijUuid: p.uuid,
          ...(p.bsn ? { bsn: p.bsn } : {}),
          categorieen: ['identificatie', 'contactgegevens'],
          doel: doel?.doel ?? 'zoeken-partij',
          ...(doel?.contactId !== undefined ? { contactId: doel.contactId } : {}),
        }),
      ),
    );
    if (doel && result.items.some((p) => p.onderscheid === undefined))
      result = { ...result, items: await metOnderscheid(result.items, user, doel, 'Zoekresultaat') };
    return result;
  });

  app.post('/api/contacts/:id/partij', agent, async (request, reply) => {
    const user = currentUser(request);
    await heldContact(request, user, true);
    const body = parseOrThrow(LinkPartijRequest, request.body, 'body');
    let partij: PartijView | undefined;
    try {
      partij =
        'uuid' in body ? await register.getPartij(body.uuid) : await register.createPersoon(body.nieuw);
    } catch (err) {
      return klantregisterProblem(err);
    }
    if (!partij) {
      throw problems.invalid([{ name: 'uuid', code: 'not-found', reason: 'Deze partij bestaat niet.' }]);
    }
    const p = partij;
    const now = Date.now();
    const contactId = await deps.contacts.transaction(async () => {
      // Checked again: the contact may have been closed while the klantregister answered.
      const contact = await heldContact(request, user, true);
      await deps.contacts.update(contact.id, { partijUuid: p.uuid }, now);
      await deps.contacts.appendEvent({
        contactId: contact.id,
        type: 'partij-linked',
        at: now,
        agentId: user.id,
        data: { partij: p.uuid, nieuw: !('uuid' in body) },
      });
      return contact.id;
    });
    // Logged before the partij's data is answered (the log is on the async store, outside this transaction).
    await deps.verwerkingen.log({
      at: now,
      userId: user.id,
      handeling: 'uuid' in body ? 'koppelen' : 'aanmaken',
      partijUuid: p.uuid,
      ...(p.bsn ? { bsn: p.bsn } : {}),
      categorieen: ['identificatie', 'contactgegevens'],
      doel: `contact:${contactId}`,
      contactId,
    });
    await deps.routing.announceContact(contactId);
    const response: LinkPartijResponse = { partij: p };
    return reply.code('uuid' in body ? 200 : 201).send(response);
  });
}
