import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Contact, ContactStatus } from '@kcc/contracts/domain';
import { apiPaths, MyContactsResponse } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { inboxKeys } from './inbox-keys';

/** Statuses in which a contact belongs to the agent's "Mijn contacten". */
const ACTIVE_STATUSES: readonly ContactStatus[] = ['assigned', 'nawerk'];

export function isActiveContact(contact: Contact): boolean {
  return ACTIVE_STATUSES.includes(contact.status);
}

export async function getMyContacts(signal?: AbortSignal): Promise<Contact[]> {
  return (await apiRequest('GET', apiPaths.myContacts, MyContactsResponse, { signal })).items.filter(
    isActiveContact,
  );
}

export const myContactsQueryOptions = () =>
  queryOptions({ queryKey: inboxKeys.contacts(), queryFn: ({ signal }) => getMyContacts(signal) });

export function useMyContacts() {
  return useQuery(myContactsQueryOptions());
}

export function getCachedContact(queryClient: QueryClient, contactId: string): Contact | undefined {
  return queryClient.getQueryData(myContactsQueryOptions().queryKey)?.find((c) => c.id === contactId);
}

/**
 * `contact:updated` and an accepted offer: upsert while the contact is mine and active (keeping the order
 * in which I got them, for Alt+1..9), drop it once it is closed, re-queued or transferred.
 */
export function contactUpdated(queryClient: QueryClient, contact: Contact): void {
  queryClient.setQueryData(myContactsQueryOptions().queryKey, (contacts = []) => {
    const index = contacts.findIndex((c) => c.id === contact.id);
    if (!isActiveContact(contact))
      return index === -1 ? contacts : contacts.filter((c) => c.id !== contact.id);
    if (index === -1) return [...contacts, contact];
    return contacts.map((c) => (c.id === contact.id ? contact : c));
  });
}
