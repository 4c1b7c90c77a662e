import type { Contact } from '@kcc/contracts/domain';
import { useMyContacts } from '../api/get-my-contacts';
import { useOpenContactId } from '../stores/inbox-store';

/** The contact the workspace shows: the chosen one while it is still mine, else my first active contact. */
export function useOpenContact(): Contact | undefined {
  const { data: contacts } = useMyContacts();
  const openContactId = useOpenContactId();
  return contacts?.find((c) => c.id === openContactId) ?? contacts?.[0];
}
