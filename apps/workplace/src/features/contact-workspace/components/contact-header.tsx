import type { Contact } from '@kcc/contracts/domain';
import { ChannelBadge } from '../../../components/channel-icon';
import { formatDuration, formatTime, secondsSince } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';

/** Who is contacting us, through which channel, and how long they waited. */
export function ContactHeader({ contact }: { contact: Contact }) {
  const now = useNow();
  const waitedUntil = contact.acceptedAt ? Date.parse(contact.acceptedAt) : now;
  const waited = (waitedUntil - Date.parse(contact.createdAt)) / 1000;
  const { from } = contact;

  return (
    <header
      data-testid="contact-header"
      aria-labelledby="contact-title"
      className="shrink-0 rounded-lg border border-slate-300 bg-white px-3 py-2"
    >
      <div className="flex flex-wrap items-center gap-3">
        <ChannelBadge channel={contact.channel} />
        {contact.status === 'nawerk' && (
          <span className="rounded bg-blue-800 px-2 py-0.5 text-sm font-semibold text-white">Nawerk</span>
        )}
        <h2 id="contact-title" className="text-lg font-semibold text-slate-900">
          {from.name ?? from.phone ?? from.email ?? 'Onbekende afzender'}
        </h2>
      </div>
      <dl className="mt-1 flex flex-wrap gap-x-5 gap-y-0.5 text-sm">
        {from.phone && (
          <div className="flex gap-1">
            <dt className="text-slate-700">Telefoon:</dt>
            <dd data-testid="caller-phone">{from.phone}</dd>
          </div>
        )}
        {from.email && (
          <div className="flex gap-1">
            <dt className="text-slate-700">E-mail:</dt>
            <dd className="break-all">{from.email}</dd>
          </div>
        )}
        <div className="flex gap-1">
          <dt className="text-slate-700">Onderwerp:</dt>
          <dd>{contact.subject ?? 'Geen onderwerp'}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-700">Binnengekomen:</dt>
          <dd>
            <time dateTime={contact.createdAt}>{formatTime(contact.createdAt)}</time>
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-700">Wachttijd:</dt>
          <dd className="tabular-nums" data-testid="contact-waited">
            {formatDuration(waited)}
          </dd>
        </div>
        {contact.acceptedAt && (
          <div className="flex gap-1">
            <dt className="text-slate-700">In behandeling:</dt>
            <dd className="tabular-nums">{formatDuration(secondsSince(contact.acceptedAt, now))}</dd>
          </div>
        )}
      </dl>
      {contact.body && (
        <details className="mt-1 text-sm" open={contact.channel !== 'telefoon'}>
          <summary className="cursor-pointer font-medium">Bericht van de klant</summary>
          <p
            tabIndex={0}
            className="mt-1 max-h-24 overflow-y-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-slate-900"
          >
            {contact.body}
          </p>
        </details>
      )}
    </header>
  );
}
