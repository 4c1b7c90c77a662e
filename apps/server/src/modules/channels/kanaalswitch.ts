import type { Channel } from '@kcc/contracts/domain';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import type { KlantinteractiesPort } from '../klantinteracties/ports';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { KanaalswitchRepository } from './kanaalswitch.repository';

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
  constructor(
    private readonly deps: {
      repo: KanaalswitchRepository;
      contacts: ContactsRepository;
      port: () => KlantinteractiesPort;
      /**
       * Recognise the caller in the embedded store on arrival. Off when Open Klant is the klantregister: its
       * partijen are not in the embedded store, and an HTTP call cannot run inside the creating transaction.
       */
      recogniseOnArrival: boolean;
      log: Logger;
      clock: Clock;
      windowDays?: number;
    },
  ) {}

  /** inbound.service hook: runs in the creating unit of work, in a savepoint inbound gives each hook. */
  async onContactCreated(contact: ContactRecord): Promise<void> {
    if (!this.deps.recogniseOnArrival || Object.keys(contact.from).length === 0) return;
    const recognised = await this.deps.port().recognise(contact.from);
    if (!recognised.partij) return;
    await this.deps.repo.addHint(contact.id, recognised.partij.uuid, contact.channel, contact.createdAt);
    await this.detect(contact, recognised.partij.uuid);
  }

  /** An agent linked or registered a partij for the contact. */
  async onPartijKnown(contactId: string, partijUuid: string): Promise<void> {
    const contact = await this.deps.contacts.get(contactId);
    if (contact) await this.detect(contact, partijUuid);
  }

  async get(contactId: string): Promise<Kanaalswitch | undefined> {
    const e = (await this.deps.contacts.events(contactId)).find((ev) => ev.type === 'kanaalswitch');
    if (!e?.data) return undefined;
    return {
      fromChannel: e.data.fromChannel as Channel,
      fromContactId: String(e.data.fromContactId),
      partijUuid: String(e.data.partijUuid),
      at: e.at,
    };
  }

  /** The most recent earlier contact of this partij: recognised on arrival or linked by an agent. */
  private async detect(contact: ContactRecord, partijUuid: string): Promise<void> {
    if (await this.get(contact.id)) return;
    const since = contact.createdAt - (this.deps.windowDays ?? KANAALSWITCH_WINDOW_DAYS) * 24 * 3600 * 1000;
    const range = { from: since, to: contact.createdAt, exceptId: contact.id };
    const hint = await this.deps.repo.latestHint(partijUuid, range);
    const linked = await this.deps.contacts.latestOfPartij(partijUuid, range);
    const before =
      hint && (!linked || hint.at >= linked.at) ? { id: hint.contactId, channel: hint.channel } : linked;
    if (!before || before.channel === contact.channel || (await this.get(contact.id))) return;
    await this.deps.contacts.appendEvent({
      contactId: contact.id,
      type: 'kanaalswitch',
      at: this.deps.clock.now(),
      data: { fromChannel: before.channel, fromContactId: before.id, partijUuid, toChannel: contact.channel },
    });
  }
}
