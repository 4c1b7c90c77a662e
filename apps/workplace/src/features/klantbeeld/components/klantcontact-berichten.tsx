import { useEffect, useRef, useState, type RefObject } from 'react';
import { DeliveryState } from '../../../components/delivery-state';
import { ApiError, describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import type { KlantbeeldDoelkeuze } from '../api/get-register-klantbeeld';
import { useKlantcontactTranscript } from '../api/get-klantcontact-transcript';

/** The messages sent to the resident in an earlier klantcontact, with whether each went out (loaded when opened). */
export function KlantcontactBerichten({ uuid, doel }: { uuid: string; doel: KlantbeeldDoelkeuze }) {
  const ref = useRef<HTMLDivElement>(null);
  const open = useDetailsOpen(ref);
  const transcript = useKlantcontactTranscript(uuid, doel, open);
  if (!open || transcript.isPending) return <div ref={ref} />;
  if (transcript.isError) {
    // A phone call has no messages: nothing to show.
    if (transcript.error instanceof ApiError && transcript.error.status === 404) return <div ref={ref} />;
    return (
      <div ref={ref}>
        <p className="field-error">Berichten laden lukte niet. {describeError(transcript.error)}</p>
      </div>
    );
  }
  const uit = transcript.data.messages.filter((m) => m.direction === 'uit');
  if (uit.length === 0) return <div ref={ref} />;
  return (
    <div ref={ref}>
      <p className="font-medium">Verstuurde berichten:</p>
      <ul className="space-y-1" data-testid="klantcontact-berichten">
        {uit.map((m) => (
          <li
            key={m.id}
            data-testid="klantcontact-bericht"
            className="rounded border border-slate-200 bg-white p-1.5"
          >
            <p className="flex flex-wrap gap-x-2 text-xs text-slate-700">
              <time dateTime={m.at}>{formatDateTime(m.at)}</time>
              {m.agentName && <span>{m.agentName}</span>}
              {m.delivery && <DeliveryState message={m} />}
            </p>
            <p className="whitespace-pre-wrap break-words">{m.body}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Whether the `<details>` around this element is open: its messages are read only when the medewerker opens it. */
function useDetailsOpen(ref: RefObject<HTMLElement | null>): boolean {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const details = ref.current?.closest('details');
    if (!details) return;
    const update = () => setOpen(details.open);
    update();
    details.addEventListener('toggle', update);
    return () => details.removeEventListener('toggle', update);
  }, [ref]);
  return open;
}
