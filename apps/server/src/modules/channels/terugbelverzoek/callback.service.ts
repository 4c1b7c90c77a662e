import { randomUUID } from 'node:crypto';
import type { CallbackOutcomeResponse, CallbackView } from '@kcc/contracts/channels';
import type { Clock } from '../../../shared/clock';
import type { UnitOfWork } from '../../../shared/domain-events';
import type { ContactRecord, ContactsRepository } from '../../contacts/contacts.repository';
import type { InboundService } from '../../contacts/inbound.service';
import type { CallbackRepository } from './callback.repository';

export interface NewCallback {
  telefoonnummer: string;
  /** Epoch ms: not offered before this moment (default now). */
  voorkeurVan?: number;
  voorkeurTot?: number;
  notitie?: string;
  name?: string;
  queue?: string;
  /** The contact it was made from (agent), if any. */
  originContactId?: string;
  /** Stable id for idempotent creation (e.g. the CTI call); default a new uuid. */
  externalId?: string;
  createdBy?: string;
}

export class CallbackOutcomeConflict extends Error {
  override name = 'CallbackOutcomeConflict';
}

/** `tel:` link in international form for Dutch numbers (0612345678 → tel:+31612345678). */
export function telLink(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^0[1-9]\d{8}$/.test(digits)) return `tel:+31${digits.slice(1)}`;
  if (digits.startsWith('00')) return `tel:+${digits.slice(2)}`;
  return `tel:${digits}`;
}

/**
 * Terugbelverzoeken: a `terugbelverzoek` contact that is routable from its preferred time (`dueAt`, which the
 * engine uses as notBefore), with a retry policy when the resident was not reached.
 */
export class CallbackService {
  constructor(
    private readonly deps: {
      repo: CallbackRepository;
      inbound: InboundService;
      contacts: ContactsRepository;
      maxAttempts: number;
      retryMinutes: number;
      /** The preferred windows and the retry delay are on the routing engine's clock. */
      clock: Clock;
      /** Records `terugbelverzoek-afgesloten`: reached, or not reached at the last attempt. */
      events: UnitOfWork;
    },
  ) {}

  async create(
    input: NewCallback,
    attempt?: { poging: number; firstContactId: string },
  ): Promise<{ contact: ContactRecord; created: boolean }> {
    const now = this.deps.clock.now();
    const van = Math.max(input.voorkeurVan ?? now, now - 60_000);
    // The request's row is written in the contact's unit of work.
    return this.deps.inbound.receive(
      {
        channel: 'terugbelverzoek',
        externalId: input.externalId ?? `terugbel:${randomUUID()}`,
        from: { phone: input.telefoonnummer, ...(input.name !== undefined ? { name: input.name } : {}) },
        subject:
          attempt && attempt.poging > 1 ? `Terugbelverzoek (poging ${attempt.poging})` : 'Terugbelverzoek',
        ...(input.notitie !== undefined && input.notitie !== '' ? { body: input.notitie } : {}),
        ...(input.queue !== undefined ? { queue: input.queue } : {}),
        dueAt: van,
      },
      async (contact) => {
        await this.deps.repo.insert({
          contact_id: contact.id,
          origin_contact_id: input.originContactId ?? null,
          first_contact_id: attempt?.firstContactId ?? contact.id,
          telefoonnummer: contact.from.phone ?? input.telefoonnummer,
          voorkeur_van: van,
          voorkeur_tot: input.voorkeurTot ?? null,
          notitie: input.notitie ?? null,
          poging: attempt?.poging ?? 1,
          max_pogingen: this.deps.maxAttempts,
          created_by: input.createdBy ?? null,
          created_at: now,
        });
        if (input.originContactId !== undefined) {
          await this.deps.contacts.appendEvent({
            contactId: input.originContactId,
            type: 'terugbelverzoek-gemaakt',
            at: now,
            ...(input.createdBy !== undefined ? { agentId: input.createdBy } : {}),
            data: { terugbelverzoekContactId: contact.id },
          });
        }
      },
    );
  }

  async get(contactId: string): Promise<CallbackView | undefined> {
    const r = await this.deps.repo.byContact(contactId);
    if (!r) return undefined;
    return {
      contactId: r.contact_id,
      telefoonnummer: r.telefoonnummer,
      telLink: telLink(r.telefoonnummer),
      voorkeurVan: new Date(r.voorkeur_van).toISOString(),
      ...(r.voorkeur_tot !== null ? { voorkeurTot: new Date(r.voorkeur_tot).toISOString() } : {}),
      ...(r.notitie !== null ? { notitie: r.notitie } : {}),
      poging: r.poging,
      maxPogingen: r.max_pogingen,
      ...(r.origin_contact_id !== null ? { bronContactId: r.origin_contact_id } : {}),
      ...(r.uitkomst !== null ? { uitkomst: r.uitkomst } : {}),
    };
  }

  /**
   * Record gelukt / niet bereikt for the callback an agent holds. Niet bereikt with attempts left queues the
   * next attempt (new window: given, or the retry delay from now). Registration of the contact stays as usual.
   * The outcome's row decides a race (recorded once); the next attempt and the events follow it.
   */
  async outcome(
    contact: ContactRecord,
    agentId: string,
    uitkomst: 'gelukt' | 'niet-bereikt',
    nieuwVan?: number,
    nieuwTot?: number,
  ): Promise<CallbackOutcomeResponse> {
    const row = await this.deps.repo.byContact(contact.id);
    if (!row) throw new CallbackOutcomeConflict('Dit contact is geen terugbelverzoek.');
    const now = this.deps.clock.now();
    // One unit of work: the outcome, its event and the next attempt (a nested unit) together.
    return this.deps.events.run(async () => {
      if (!(await this.deps.repo.setOutcome(contact.id, uitkomst))) {
        throw new CallbackOutcomeConflict('De uitkomst van dit terugbelverzoek is al vastgelegd.');
      }
      await this.deps.contacts.appendEvent({
        contactId: contact.id,
        type: 'terugbel-uitkomst',
        at: now,
        agentId,
        data: { uitkomst, poging: row.poging },
      });
      const response: CallbackOutcomeResponse = {
        uitkomst,
        poging: row.poging,
        maxPogingen: row.max_pogingen,
      };
      if (uitkomst === 'niet-bereikt' && row.poging < row.max_pogingen) {
        const van = nieuwVan ?? now + this.deps.retryMinutes * 60_000;
        const window = row.voorkeur_tot !== null ? row.voorkeur_tot - row.voorkeur_van : undefined;
        const tot = nieuwTot ?? (window !== undefined ? van + window : undefined);
        const next = await this.create(
          {
            telefoonnummer: row.telefoonnummer,
            voorkeurVan: van,
            ...(tot !== undefined ? { voorkeurTot: tot } : {}),
            ...(row.notitie !== null ? { notitie: row.notitie } : {}),
            queue: contact.queueId,
            originContactId: contact.id,
            createdBy: agentId,
            ...(contact.from.name !== undefined ? { name: contact.from.name } : {}),
          },
          { poging: row.poging + 1, firstContactId: row.first_contact_id },
        );
        response.volgende = { contactId: next.contact.id, voorkeurVan: new Date(van).toISOString() };
      } else {
        this.deps.events.record({
          type: 'terugbelverzoek-afgesloten',
          contactId: contact.id,
          uitkomst,
          pogingen: row.poging,
        });
      }
      return response;
    });
  }
}
