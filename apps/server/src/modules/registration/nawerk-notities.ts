import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NawerkNotitieInput, type NawerkNotitie } from '@kcc/contracts/onderwerpen';
import type { KlantcontactView } from '@kcc/contracts/rest';
import { currentUser, type AuthGuard } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import type { Clock } from '../../shared/clock';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';

export const nawerkMigrations: Migration[] = [
  {
    id: 'registration/002_nawerk_notities',
    sql: `
      -- The agent's wrap-up notes on a contact they registered (issue 14 §7); one per contact, shown with its
      -- klantcontacten in the history. Deleted with the contact's other content by the retention job.
      CREATE TABLE nawerk_notities (
        contact_id TEXT PRIMARY KEY,
        tekst TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
];

export interface NawerkNotities {
  get(contactId: string): { tekst: string; updatedAt: number } | undefined;
  /** An empty text removes the note. */
  put(contactId: string, tekst: string, agentId: string, at: number): void;
  /** The notes of these contacts, by contact id. */
  forContacts(contactIds: string[]): Map<string, string>;
  /** Retention: delete the notes of these contacts; returns how many went. */
  deleteFor(contactIds: readonly string[]): number;
}

export function createNawerkNotities(db: Db): NawerkNotities {
  const get = db.prepare<[string], { tekst: string; updated_at: number }>(
    'SELECT tekst, updated_at FROM nawerk_notities WHERE contact_id = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO nawerk_notities (contact_id, tekst, agent_id, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (contact_id) DO UPDATE SET tekst = excluded.tekst, agent_id = excluded.agent_id,
       updated_at = excluded.updated_at`,
  );
  const del = db.prepare('DELETE FROM nawerk_notities WHERE contact_id = ?');
  return {
    get(contactId) {
      const row = get.get(contactId);
      return row ? { tekst: row.tekst, updatedAt: row.updated_at } : undefined;
    },
    put(contactId, tekst, agentId, at) {
      if (tekst.trim() === '') del.run(contactId);
      else upsert.run(contactId, tekst, agentId, at);
    },
    forContacts(contactIds) {
      const notes = new Map<string, string>();
      for (const id of new Set(contactIds)) {
        const row = get.get(id);
        if (row) notes.set(id, row.tekst);
      }
      return notes;
    },
    deleteFor: (contactIds) =>
      db.transaction(() => contactIds.reduce((n, id) => n + del.run(id).changes, 0))(),
  };
}

/** Klantcontacten as the history shows them, each with the nawerk notes of the contact it was registered from. */
export function withNawerkNotities(items: KlantcontactView[], notities: NawerkNotities): KlantcontactView[] {
  const notes = notities.forContacts(items.flatMap((kc) => (kc.kccContactId ? [kc.kccContactId] : [])));
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
  const view = (contactId: string): NawerkNotitie => {
    const note = deps.notities.get(contactId);
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
      log.log({
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
    deps.notities.put(contact.id, tekst, user.id, deps.clock.now());
    return view(contact.id);
  });
}
