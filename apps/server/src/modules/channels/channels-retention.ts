import type { Store } from '../../store/store';
import type { ChatTables } from './chat/chat.repository';
import type { KanaalswitchTables } from './kanaalswitch.repository';
import type { CallbackTables } from './terugbelverzoek/callback.repository';

/**
 * What the channel adapters keep about a resident besides the contact itself: the chat's name, e-mail and page,
 * the rating comment, the callback number and note, and the partij hint of a kanaalswitch. Retention erases them
 * with the contact; what stays (times, rating score, outcome) is statistics.
 */
export function createChannelsRetention(store: Store): {
  anonymise(contactIds: readonly string[]): Promise<number>;
} {
  const db = store.kysely<ChatTables & CallbackTables & KanaalswitchTables>();
  return {
    async anonymise(contactIds) {
      if (contactIds.length === 0) return 0;
      const ids = [...contactIds];
      return db.transaction().execute(async (trx) => {
        const chat = await trx
          .updateTable('chat_conversations')
          .set({ name: null, email: null, page_url: null, rating_comment: null })
          .where('contact_id', 'in', ids)
          .where((eb) =>
            eb.or([
              eb('name', 'is not', null),
              eb('email', 'is not', null),
              eb('page_url', 'is not', null),
              eb('rating_comment', 'is not', null),
            ]),
          )
          .executeTakeFirst();
        const callback = await trx
          .updateTable('callback_requests')
          .set({ telefoonnummer: '', notitie: null })
          .where('contact_id', 'in', ids)
          .where((eb) => eb.or([eb('telefoonnummer', '<>', ''), eb('notitie', 'is not', null)]))
          .executeTakeFirst();
        const hints = await trx
          .deleteFrom('contact_partij_hints')
          .where('contact_id', 'in', ids)
          .executeTakeFirst();
        return Number(chat.numUpdatedRows) + Number(callback.numUpdatedRows) + Number(hints.numDeletedRows);
      });
    },
  };
}
