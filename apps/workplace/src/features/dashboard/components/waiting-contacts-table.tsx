import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import type { QueueLive, WaitingContact } from '@kcc/contracts/dashboard';
import { formatDuration, secondsSince } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';

interface WaitingContactsTableProps {
  queue: QueueLive;
  onMove: (contact: WaitingContact) => void;
  onPriority: (contact: WaitingContact) => void;
}

/** The waiting contacts of one queue, longest first, without personal data. */
export function WaitingContactsTable({ queue, onMove, onPriority }: WaitingContactsTableProps) {
  const now = useNow();
  const listed = queue.waitingContacts.length;
  // The server lists at most 50; say so instead of letting 50 look like the whole queue.
  const cut = listed < queue.waiting;
  return (
    <details className="rounded border border-slate-300">
      <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium">
        Wachtende contacten ({cut ? `${listed} van ${queue.waiting}` : listed})
      </summary>
      {cut && (
        <p className="px-3 py-1 text-sm text-slate-700" data-testid="waiting-list-cut">
          De {listed} die het langst wachten staan hieronder. {queue.waiting - listed} meer wachten nog.
        </p>
      )}
      <table className="w-full text-sm" data-testid="waiting-contacts">
        <caption className="sr-only">Wachtende contacten in {queue.name}, langst wachtend eerst</caption>
        <thead>
          <tr className="text-left text-xs text-slate-700">
            <th scope="col" className="px-3 py-1 font-medium">
              Kanaal
            </th>
            <th scope="col" className="px-2 font-medium">
              Wacht al
            </th>
            <th scope="col" className="px-2 font-medium">
              Voorrang
            </th>
            <th scope="col" className="px-2 font-medium">
              Acties
            </th>
          </tr>
        </thead>
        <tbody>
          {queue.waitingContacts.map((contact, index) => (
            <tr
              key={contact.id}
              className="border-t border-slate-200"
              data-testid="waiting-contact"
              data-contact-id={contact.id}
            >
              <td className="px-3 py-1">
                {CHANNEL_LABELS[contact.channel]}
                {contact.offered && <span className="ml-1 text-xs text-slate-700">(wordt aangeboden)</span>}
              </td>
              <td className="px-2 tabular-nums">{formatDuration(secondsSince(contact.waitingSince, now))}</td>
              <td className="px-2 tabular-nums">{contact.priority}</td>
              <td className="space-x-2 px-2 py-1">
                <button
                  type="button"
                  className="btn-link text-sm"
                  aria-label={`Verplaatsen: contact ${index + 1}, ${CHANNEL_LABELS[contact.channel]}`}
                  onClick={() => onMove(contact)}
                >
                  Verplaatsen
                </button>
                <button
                  type="button"
                  className="btn-link text-sm"
                  aria-label={`Voorrang geven: contact ${index + 1}, ${CHANNEL_LABELS[contact.channel]}`}
                  onClick={() => onPriority(contact)}
                >
                  Voorrang geven
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
