import type { Store } from '../../store/store';

/** The transcript (messages) of a contact referenced from each klantcontact registered for it. */
export interface TranscriptsTables {
  klantcontact_transcripts: { klantcontact_uuid: string; contact_id: string; at: number };
}

export interface TranscriptsRepository {
  /** Links a klantcontact to the contact whose messages are its transcript; a second link is ignored. */
  link(klantcontactUuid: string, contactId: string, at: number): Promise<void>;
  contactOf(klantcontactUuid: string): Promise<string | undefined>;
}

export function createTranscriptsRepository(store: Store): TranscriptsRepository {
  const db = store.kysely<TranscriptsTables>();
  return {
    async link(klantcontactUuid, contactId, at) {
      await db
        .insertInto('klantcontact_transcripts')
        .values({ klantcontact_uuid: klantcontactUuid, contact_id: contactId, at })
        .onConflict((oc) => oc.column('klantcontact_uuid').doNothing())
        .execute();
    },
    async contactOf(klantcontactUuid) {
      const r = await db
        .selectFrom('klantcontact_transcripts')
        .select('contact_id')
        .where('klantcontact_uuid', '=', klantcontactUuid)
        .executeTakeFirst();
      return r?.contact_id;
    },
  };
}
