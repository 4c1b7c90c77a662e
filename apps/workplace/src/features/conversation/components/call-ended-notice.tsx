import type { Contact } from '@kcc/contracts/domain';
import { useCallEnded } from '../stores/conversation-store';

/** `call:ended` from the telephony platform: the call is over, the registration is next. */
export function CallEndedNotice({ contact }: { contact: Contact }) {
  const ended = useCallEnded(contact.id);
  if (!ended) return null;
  const phone = contact.from.phone;
  return (
    <p
      data-testid="call-ended"
      role="status"
      className="rounded-md bg-amber-100 px-3 py-2 text-sm text-amber-950"
    >
      Gesprek beëindigd — registreer het contact.
      {phone && (
        <>
          {' '}
          Terugbellen:{' '}
          <a className="font-semibold underline" href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>
            {phone}
          </a>
        </>
      )}
    </p>
  );
}
