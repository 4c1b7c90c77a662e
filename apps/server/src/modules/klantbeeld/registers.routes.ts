import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User } from '@kcc/contracts/domain';
import {
  KLANTBEELD_DOEL_LABELS,
  KLANTBEELD_DOELEN,
  type KlantbeeldDoel,
  OrganisatieZoekQuery,
  PersoonZoekQuery,
  type KlantbeeldDetailResponse,
  type OrganisatieZoekResponse,
  type PersoonZoekResponse,
  niveauMinstens,
} from '@kcc/contracts/klantbeeld';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { HttpProblem, problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { ContactsRepository } from '../contacts/contacts.repository';
import { AFGESCHERMD_MELDING, type IdentificatieStore } from './identificatie';
import type { VerwerkingenLog } from '../audit';
import { isValidBsn } from '../klantinteracties/elfproef';
import type { KlantbeeldService } from './klantbeeld.service';
import { namensVan, RegisterInputError, type Registers } from './ports';
import { logKlantbeeldRead } from './verwerking-log';

export interface Doelbinding {
  doel: string;
  omschrijving: string;
  contactId?: string;
}

/**
 * The purpose of a read: a contact the agent holds (active or in nawerk), or a purpose code from the list.
 * Without either the request is refused: no personal data without a stated purpose.
 */
export async function resolveDoel(
  contacts: ContactsRepository,
  user: User,
  query: { doel?: KlantbeeldDoel | undefined; contactId?: string | undefined },
): Promise<Doelbinding> {
  if (query.contactId !== undefined) {
    const contact = await contacts.get(query.contactId);
    if (!contact) throw problems.notFound('Dit contact bestaat niet.');
    if (contact.assignedAgentId !== user.id) throw problems.forbidden('U behandelt dit contact niet.');
    if (contact.status !== 'assigned' && contact.status !== 'nawerk') {
      throw problems.forbidden('Dit contact is afgesloten. Kies een doel om verder te gaan.');
    }
    return {
      doel: `contact:${contact.id}`,
      omschrijving: `Contact via ${contact.channel}`,
      contactId: contact.id,
    };
  }
  if (query.doel !== undefined) return { doel: query.doel, omschrijving: KLANTBEELD_DOEL_LABELS[query.doel] };
  throw problems.invalid(
    [{ name: 'query.doel', code: 'required', reason: 'Kies een doel, of open eerst een contact.' }],
    'Zonder doel mag u geen persoonsgegevens inzien.',
  );
}

/** Register input errors → 400; a register that is down → 503 with a Dutch detail. */
export function registerProblem(err: unknown, register: string): never {
  if (err instanceof HttpProblem) throw err;
  if (err instanceof RegisterInputError) {
    throw problems.invalid([{ name: `query.${err.field}`, code: 'invalid', reason: err.reason }]);
  }
  throw new HttpProblem(
    503,
    'Register niet beschikbaar',
    `${register} is tijdelijk niet beschikbaar. Probeer het later opnieuw.`,
  );
}

const BsnParams = z.object({ bsn: z.string().regex(/^[0-9]{9}$/, 'Een BSN heeft 9 cijfers') });
const KvkParams = z.object({ kvkNummer: z.string().regex(/^[0-9]{8}$/, 'Een KvK-nummer heeft 8 cijfers') });

const one = (invalidName: string, reason: string) =>
  problems.invalid([{ name: invalidName, code: 'required', reason }], reason);

/**
 * Klantbeeld search and open, for medewerkers only (teamleider and beheerder see no personal data).
 * Every result shown and every klantbeeld opened is logged with its purpose.
 */
export function registerKlantbeeldRegisterRoutes(
  app: FastifyInstance,
  deps: {
    guard: AuthGuard;
    contacts: ContactsRepository;
    registers: Registers;
    klantbeeld: KlantbeeldService;
    verwerkingen: VerwerkingenLog;
    /** With a contact as purpose, the contact's identification level limits the klantbeeld. */
    identificatie?: IdentificatieStore;
  },
): void {
  const agent = { preHandler: deps.guard.require('medewerker') };
  const doelOf = (request: FastifyRequest, query: { doel?: KlantbeeldDoel; contactId?: string }) =>
    resolveDoel(deps.contacts, currentUser(request), query);

  app.get('/api/klantbeeld/doelen', agent, async () => ({
    items: KLANTBEELD_DOELEN.map((code) => ({ code, label: KLANTBEELD_DOEL_LABELS[code] })),
  }));

  app.get('/api/klantbeeld/personen', agent, async (request) => {
    const q = parseOrThrow(PersoonZoekQuery, request.query, 'query');
    const doel = await doelOf(request, q);
    const user = currentUser(request);
    let vraag;
    if (q.bsn !== undefined) vraag = { type: 'bsn' as const, bsn: q.bsn };
    else if (q.geslachtsnaam !== undefined || q.geboortedatum !== undefined) {
      if (q.geslachtsnaam === undefined || q.geboortedatum === undefined) {
        throw one(
          q.geslachtsnaam === undefined ? 'query.geslachtsnaam' : 'query.geboortedatum',
          'Vul achternaam én geboortedatum in.',
        );
      }
      vraag = { type: 'naam' as const, geslachtsnaam: q.geslachtsnaam, geboortedatum: q.geboortedatum };
    } else if (q.postcode !== undefined || q.huisnummer !== undefined) {
      if (q.postcode === undefined || q.huisnummer === undefined) {
        throw one(
          q.postcode === undefined ? 'query.postcode' : 'query.huisnummer',
          'Vul postcode én huisnummer in.',
        );
      }
      vraag = { type: 'adres' as const, postcode: q.postcode, huisnummer: q.huisnummer };
    } else {
      throw one('query.bsn', 'Zoek op BSN, op achternaam en geboortedatum, of op postcode en huisnummer.');
    }
    const found = await deps.registers.brp
      .zoek(vraag)
      .catch((err: unknown) => registerProblem(err, 'De BRP'));
    // With an unverified resident on the line, a search must not hand the agent the answers to the verification
    // questions: only names, no birth dates or addresses.
    const contact = doel.contactId !== undefined ? await deps.contacts.get(doel.contactId) : undefined;
    const beperkt =
      contact !== undefined &&
      deps.identificatie !== undefined &&
      !(await deps.identificatie.isVastgesteld(contact.id));
    const result = beperkt
      ? {
          ...found,
          items: found.items.map(({ geboortedatum: _g, ...p }) => ({ ...p, adresregels: [] })),
        }
      : found;
    const at = Date.now();
    await Promise.all(
      result.items.map((p) =>
        deps.verwerkingen.log({
          at,
          userId: user.id,
          handeling: 'zoeken',
          bsn: p.bsn,
          categorieen: ['identificatie (BRP, zoekresultaat)'],
          doel: doel.doel,
          gegevensbron: 'brp',
          betrokkenheid: 'Zoekresultaat',
          ...(doel.contactId ? { contactId: doel.contactId } : {}),
        }),
      ),
    );
    const response: PersoonZoekResponse = result;
    return response;
  });

  app.get('/api/klantbeeld/organisaties', agent, async (request) => {
    const q = parseOrThrow(OrganisatieZoekQuery, request.query, 'query');
    // The purpose is still required; company search results are not personal data and are not logged.
    await doelOf(request, q);
    let vraag;
    if (q.kvkNummer !== undefined) vraag = { type: 'kvkNummer' as const, kvkNummer: q.kvkNummer };
    else if (q.naam !== undefined) vraag = { type: 'naam' as const, naam: q.naam };
    else if (q.postcode !== undefined || q.huisnummer !== undefined) {
      if (q.postcode === undefined || q.huisnummer === undefined) {
        throw one(
          q.postcode === undefined ? 'query.postcode' : 'query.huisnummer',
          'Vul postcode én huisnummer in.',
        );
      }
      vraag = { type: 'adres' as const, postcode: q.postcode, huisnummer: q.huisnummer };
    } else {
      throw one('query.kvkNummer', 'Zoek op KvK-nummer, op naam, of op postcode en huisnummer.');
    }
    const result = await deps.registers.kvk
      .zoek(vraag)
      .catch((err: unknown) => registerProblem(err, 'Het Handelsregister'));
    const response: OrganisatieZoekResponse = result;
    return response;
  });

  app.get('/api/klantbeeld/persoon/:bsn', agent, async (request) => {
    const { bsn } = parseOrThrow(BsnParams, request.params, 'params');
    if (!isValidBsn(bsn)) {
      throw problems.invalid([
        { name: 'params.bsn', code: 'invalid', reason: 'Dit BSN klopt niet (11-proef).' },
      ]);
    }
    const q = parseOrThrow(PersoonZoekQuery.pick({ doel: true, contactId: true }), request.query, 'query');
    const doel = await doelOf(request, q);
    const user = currentUser(request);
    const partij = await deps.registers.klantinteracties
      .partijMetIdentificator('bsn', bsn)
      .catch(() => undefined);
    // For a contact, the resident on the line must be verified as this person (or logged in with DigiD).
    const contact = doel.contactId !== undefined ? await deps.contacts.get(doel.contactId) : undefined;
    const niveau =
      contact && deps.identificatie
        ? (await deps.identificatie.identificatie(contact, partij ? { uuid: partij.uuid, bsn } : { bsn }))
            .niveau
        : undefined;
    const afgeschermd = niveau !== undefined && !niveauMinstens(niveau, 'geverifieerd');
    const integraal = await deps.klantbeeld.compose({
      namens: namensVan(user),
      bsn,
      ...(partij ? { partij } : {}),
      doel: doel.doel,
      doelOmschrijving: doel.omschrijving,
      ...(afgeschermd ? { afgeschermd: AFGESCHERMD_MELDING } : {}),
    });
    await logKlantbeeldRead(
      deps.verwerkingen,
      {
        at: Date.now(),
        userId: user.id,
        doel: doel.doel,
        contactId: doel.contactId,
        partijUuid: partij?.uuid,
        bsn,
        ...(niveau !== undefined ? { betrokkenheid: `Klant (identificatieniveau: ${niveau})` } : {}),
      },
      integraal,
    );
    const response: KlantbeeldDetailResponse = { soort: 'persoon', ...(partij ? { partij } : {}), integraal };
    return response;
  });

  app.get('/api/klantbeeld/organisatie/:kvkNummer', agent, async (request) => {
    const { kvkNummer } = parseOrThrow(KvkParams, request.params, 'params');
    const q = parseOrThrow(
      OrganisatieZoekQuery.pick({ doel: true, contactId: true }),
      request.query,
      'query',
    );
    const doel = await doelOf(request, q);
    const user = currentUser(request);
    const partij = await deps.registers.klantinteracties
      .partijMetIdentificator('kvk_nummer', kvkNummer)
      .catch(() => undefined);
    const integraal = await deps.klantbeeld.compose({
      namens: namensVan(user),
      kvkNummer,
      ...(partij ? { partij } : {}),
      doel: doel.doel,
      doelOmschrijving: doel.omschrijving,
    });
    await logKlantbeeldRead(
      deps.verwerkingen,
      {
        at: Date.now(),
        userId: user.id,
        doel: doel.doel,
        contactId: doel.contactId,
        partijUuid: partij?.uuid,
      },
      integraal,
    );
    const response: KlantbeeldDetailResponse = {
      soort: 'organisatie',
      ...(partij ? { partij } : {}),
      integraal,
    };
    return response;
  });
}
