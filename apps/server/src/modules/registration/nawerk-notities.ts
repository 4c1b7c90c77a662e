import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NawerkNotitieInput, type NawerkNotitie } from '@kcc/contracts/onderwerpen';
import type { KlantcontactView } from '@kcc/contracts/rest';
import { currentUser, type AuthGuard } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { Clock } from '../../shared/clock';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';

export const nawerkMigrations: StoreMigration[] = [
  {
    id: 'registration/002_nawerk_notities',
    sqlite: `
      -- The agent's wrap-up notes on a contact they registered (issue 14 §7); one per contact, shown with its
      -- klantcontacten in the history. Deleted with the contact's other content by the retention job.
      CREATE TABLE nawerk_notities (
        contact_id TEXT PRIMARY KEY,
        tekst TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE nawerk_notities (
        contact_id TEXT PRIMARY KEY,
        tekst TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
];

/** The table this file owns on the async store. */
export interface NawerkTables {
  nawerk_notities: { contact_id: string; tekst: string; agent_id: string; updated_at: number };
}

export interface NawerkNotities {
  get(contactId: string): Promise<{ tekst: string; updatedAt: number } | undefined>;
  /** An empty text removes the note. */
  put(contactId: string, tekst: string, agentId: string, at: number): Promise<void>;
  /** The notes of these contacts, by contact id. */
  forContacts(contactIds: string[]): Promise<Map<string, string>>;
  /** Retention: delete the notes of these contacts; returns how many went. */
  deleteFor(contactIds: readonly string[]): Promise<number>;
}

export function createNawerkNotities(store: Store): NawerkNotities {
  const db = store.kysely<NawerkTables>();
  return {
    async get(contactId) {
      const row = await db
        .selectFrom('nawerk_notities')
        .select(['tekst', 'updated_at'])
        .where('contact_id', '=', contactId)
        .executeTakeFirst();
      return row ? { tekst: row.tekst, updatedAt: row.updated_at } : undefined;
    },
    async put(contactId, tekst, agentId, at) {
      if (tekst.trim() === '') {
        await db.deleteFrom('nawerk_notities').where('contact_id', '=', contactId).execute();
        return;
      }
      await db
        .insertInto('nawerk_notities')
        .values({ contact_id: contactId, tekst, agent_id: agentId, updated_at: at })
        .onConflict((oc) =>
          oc.column('contact_id').doUpdateSet((eb) => ({
            tekst: eb.ref('excluded.tekst'),
            agent_id: eb.ref('excluded.agent_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
    async forContacts(contactIds) {
      const notes = new Map<string, string>();
      const ids = [...new Set(contactIds)];
      if (ids.length === 0) return notes;
      const rows = await db
        .selectFrom('nawerk_notities')
        .select(['contact_id', 'tekst'])
        .where('contact_id', 'in', ids)
        .execute();
      for (const r of rows) notes.set(r.contact_id, r.tekst);
      return notes;
    },
    async deleteFor(contactIds) {
      if (contactIds.length === 0) return 0;
      const result = await db
        .deleteFrom('nawerk_notities')
        .where('contact_id', 'in', [...contactIds])
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** Klantcontacten as the history shows them, each with the nawerk notes of the contact it was registered from. */
export async function withNawerkNotities(
  items: KlantcontactView[],
  notities: NawerkNotities,
): Promise<KlantcontactView[]> {
  const notes = await notities.forContacts(items.flatMap((kc) => (kc.kccContactId ? [kc.kccContactId] : [])));
  return items.map((kc) => {
    const note = kc.kccContactId ? notes.get(kc.kccContactId) : undefined;
    return note !== undefined ? { ...kc, nawerkNotitie: note } : kc;
  });
}

const Params = z.object({ contactId: z.string().min(1).max(100) });

/**
 * `GET|PUT /api/contacts/:contactId/nawerk-notitie`: only the agent who registered and closed the contact writes
 * its notes, in nawerk or after it (the nawerk timer must not cut a note off). Reads are logged as content reads.
 */
export function registerNawerkRoutes(
  app: FastifyInstance,
  deps: { guard: AuthGuard; contacts: ContactsRepository; notities: NawerkNotities; clock: Clock },
): void {
  const medewerker = { preHandler: deps.guard.require('medewerker') };
  const ownClosedContact = async (contactId: string, userId: string): Promise<ContactRecord> => {
    const contact = await deps.contacts.get(contactId);
    if (!contact) throw problems.notFound('Dit contact bestaat niet.');
    if (contact.assignedAgentId !== userId) throw problems.forbidden('U heeft dit contact niet behandeld.');
    if (contact.registrations === 0 || (contact.status !== 'nawerk' && contact.status !== 'closed'))
      throw problems.conflict('Registreer het contact eerst; daarna kunt u nawerk-notities maken.');
    return contact;
  };
  const view = async (contactId: string): Promise<NawerkNotitie> => {
    const note = await deps.notities.get(contactId);
    return note ? { tekst: note.tekst, updatedAt: new Date(note.updatedAt).toISOString() } : { tekst: '' };
  };

  app.get('/api/contacts/:contactId/nawerk-notitie', medewerker, async (request) => {
    const { contactId } = parseOrThrow(Params, request.params, 'params');
    const user = currentUser(request);
    const contact = await ownClosedContact(contactId, user.id);
    const bsn = contact.from.bsn;
    if (contact.partijUuid !== undefined || bsn !== undefined) {
      const log = request.server.contentReadLog;
      if (!log) throw problems.forbidden('Inzien kan nu niet worden vastgelegd.');
      // Fail closed: the note is shown only once the read is in the verwerkingenlog.
      await log.log({
        at: deps.clock.now(),
        userId: user.id,
        handeling: 'inzien',
        ...(contact.partijUuid !== undefined ? { partijUuid: contact.partijUuid } : {}),
        ...(bsn !== undefined ? { bsn } : {}),
        categorieen: ['nawerk-notitie'],
        doel: `contact:${contact.id}`,
        contactId: contact.id,
      });
    }
    return view(contact.id);
  });

  app.put('/api/contacts/:contactId/nawerk-notitie', medewerker, async (request) => {
    const { contactId } = parseOrThrow(Params, request.params, 'params');
    const user = currentUser(request);
    const contact = await ownClosedContact(contactId, user.id);
    const { tekst } = parseOrThrow(NawerkNotitieInput, request.body, 'body');
    await deps.notities.put(contact.id, tekst, user.id, deps.clock.now());
    return view(contact.id);
  });
}
