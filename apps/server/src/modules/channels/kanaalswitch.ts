import type { Channel } from '@kcc/contracts/domain';
import type { Db } from '../../store/db';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import type { KlantinteractiesPort } from '../klantinteracties/ports';
import type { Logger } from '../../shared/logger';

export const KANAALSWITCH_WINDOW_DAYS = 14;

export interface Kanaalswitch {
  fromChannel: Channel;
  fromContactId: string;
  partijUuid: string;
  at: number;
}

/**
 * Kanaalswitch: the same partij (klantherkenning on arrival, or the partij an agent linked or registered) contacted the KCC
 * before, within 14 days, on another channel. Recorded once as a `kanaalswitch` contact event (KPI input).
 */
export class KanaalswitchDetector {
  private readonly insertHint;
  private readonly previous;

  constructor(
    private readonly deps: {
      db: Db;
      contacts: ContactsRepository;
      port: () => KlantinteractiesPort;
      /**
       * Recognise the caller in the embedded store on arrival. Off when Open Klant is the klantregister: its
       * partijen are not in the embedded store, and an HTTP call cannot run inside the creating transaction.
       */
      recogniseOnArrival: boolean;
      log: Logger;
      windowDays?: number;
    },
  ) {
    this.insertHint = deps.db.prepare(
      'INSERT OR IGNORE INTO contact_partij_hints (contact_id, partij_uuid, channel, at) VALUES (?, ?, ?, ?)',
    );
    // The most recent earlier contact of this partij: recognised on arrival or linked by an agent.
    this.previous = deps.db.prepare<
      [string, number, number, string, string, number, number, string],
      { id: string; channel: string; at: number }
    >(
      `SELECT id, channel, at FROM (
         SELECT contact_id AS id, channel, at FROM contact_partij_hints
           WHERE partij_uuid = ? AND at >= ? AND at <= ? AND contact_id != ?
         UNION
         SELECT id, channel, created_at AS at FROM contacts
           WHERE partij_uuid = ? AND created_at >= ? AND created_at <= ? AND id != ?
       ) ORDER BY at DESC LIMIT 1`,
    );
  }

  /** inbound.service hook, after the contact is created (recognition reads the async Klantinteracties store). */
  async onContactCreated(contact: ContactRecord): Promise<void> {
    if (!this.deps.recogniseOnArrival || Object.keys(contact.from).length === 0) return;
    const recognised = await this.deps.port().recognise(contact.from);
    if (!recognised.partij) return;
    this.insertHint.run(contact.id, recognised.partij.uuid, contact.channel, contact.createdAt);
    this.detect(contact, recognised.partij.uuid);
  }

  /** An agent linked or registered a partij for the contact. */
  onPartijKnown(contactId: string, partijUuid: string): void {
    const contact = this.deps.contacts.get(contactId);
    if (contact) this.detect(contact, partijUuid);
  }

  get(contactId: string): Kanaalswitch | undefined {
    const e = this.deps.contacts.events(contactId).find((ev) => ev.type === 'kanaalswitch');
    if (!e?.data) return undefined;
    return {
      fromChannel: e.data.fromChannel as Channel,
      fromContactId: String(e.data.fromContactId),
      partijUuid: String(e.data.partijUuid),
      at: e.at,
    };
  }

  private detect(contact: ContactRecord, partijUuid: string): void {
    if (this.get(contact.id)) return;
    const since = contact.createdAt - (this.deps.windowDays ?? KANAALSWITCH_WINDOW_DAYS) * 24 * 3600 * 1000;
    const before = this.previous.get(
      partijUuid,
      since,
      contact.createdAt,
      contact.id,
      partijUuid,
      since,
      contact.createdAt,
      contact.id,
    );
    if (!before || before.channel === contact.channel) return;
    this.deps.contacts.appendEvent({
      contactId: contact.id,
      type: 'kanaalswitch',
      at: Date.now(),
      data: { fromChannel: before.channel, fromContactId: before.id, partijUuid, toChannel: contact.channel },
    });
  }
}
