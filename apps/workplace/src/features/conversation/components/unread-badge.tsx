import { useUnreadCount } from '../stores/conversation-store';

/** "N nieuw" on a contact in "Mijn contacten" that got messages while another contact was open. */
export function UnreadBadge({ contactId }: { contactId: string }) {
  const count = useUnreadCount(contactId);
  if (count === 0) return null;
  return (
    <span data-testid="unread-count" className="rounded bg-red-800 px-1.5 text-xs font-semibold text-white">
      {count} nieuw<span className="sr-only"> {count === 1 ? 'bericht' : 'berichten'}</span>
    </span>
  );
}
