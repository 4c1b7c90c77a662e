import { useId, useState } from 'react';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { useConsultReply } from '../api/consult';
import {
  useConsultReplies,
  useHandoverActions,
  useHandoverNotices,
  useReceivedConsults,
  type ReceivedConsult,
} from '../stores/handover-store';

function ConsultItem({ consult }: { consult: ReceivedConsult }) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reply = useConsultReply(consult.consultId);
  const { consultDismissed } = useHandoverActions();
  const from = consult.fromName ?? 'Een collega';
  const about = [CHANNEL_LABELS[consult.contact.channel], consult.contact.subject]
    .filter(Boolean)
    .join(' · ');

  return (
    <li
      data-testid="consult-item"
      data-consult-id={consult.consultId}
      className="space-y-1 rounded-md border border-slate-300 bg-white p-2 text-sm"
    >
      <p>
        <span className="font-semibold">{from}</span> vraagt ({formatTime(consult.at)}, {about}):
      </p>
      <p className="whitespace-pre-wrap">{consult.text}</p>
      {consult.answer !== undefined ? (
        <>
          <p className="text-slate-700">Uw antwoord: {consult.answer}</p>
          <button
            type="button"
            className="btn-link text-sm"
            onClick={() => consultDismissed(consult.consultId)}
          >
            Wegzetten
          </button>
        </>
      ) : (
        <form
          className="space-y-1"
          onSubmit={(event) => {
            event.preventDefault();
            const answer = text.trim();
            if (answer === '') {
              setError('Typ eerst een antwoord.');
              return;
            }
            if (answer.length > 2000) {
              setError('Uw antwoord is te lang: hooguit 2000 tekens.');
              return;
            }
            setError(null);
            reply.mutate(answer, { onError: (err) => setError(describeError(err)) });
          }}
        >
          <label htmlFor={`${id}-answer`} className="block text-sm font-medium">
            Antwoord
          </label>
          <textarea
            id={`${id}-answer`}
            rows={2}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="w-full rounded-md border border-slate-400 px-2 py-1 text-sm"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {error && (
            <p id={`${id}-error`} role="alert" className="field-error">
              {error}
            </p>
          )}
          <button type="submit" className="btn-primary" disabled={reply.isPending}>
            Antwoord versturen
          </button>
        </form>
      )}
    </li>
  );
}

/**
 * "Overleg" in the inbox column: questions colleagues asked me (answer inline), answers to my questions, and
 * confirmations that outlive a contact (a transfer). New items are announced politely.
 */
export function HandoverInbox() {
  const consults = useReceivedConsults();
  const replies = useConsultReplies();
  const notices = useHandoverNotices();
  const { replyDismissed, noticeDismissed } = useHandoverActions();
  const open = consults.filter((c) => c.answer === undefined).length;
  const latest = consults[0];
  const latestReply = replies[0];

  return (
    <section aria-labelledby="handover-inbox-title" data-testid="consult-inbox" className="space-y-2">
      <h2 id="handover-inbox-title" className="section-title">
        Overleg <span className="count">{open}</span>
      </h2>
      <p className="sr-only" aria-live="polite">
        {latest && latest.answer === undefined ? `Nieuwe vraag van ${latest.fromName ?? 'een collega'}.` : ''}
        {latestReply ? ` Antwoord van ${latestReply.fromName ?? 'een collega'}.` : ''}
      </p>
      {notices.map((n) => (
        <p
          key={n.id}
          role="status"
          className="flex items-start gap-2 rounded-md bg-green-100 px-2 py-1.5 text-sm text-green-950"
        >
          <span className="flex-1">{n.text}</span>
          <button
            type="button"
            className="btn-link text-sm"
            onClick={() => noticeDismissed(n.id)}
            aria-label="Melding sluiten"
          >
            Sluiten
          </button>
        </p>
      ))}
      {replies.length > 0 && (
        <ul className="space-y-1" aria-label="Antwoorden van collega's">
          {replies.map((r) => (
            <li
              key={`${r.consultId}-${r.at}`}
              data-testid="consult-reply"
              data-consult-id={r.consultId}
              className="rounded-md border border-green-300 bg-green-50 p-2 text-sm"
            >
              <p>
                <span className="font-semibold">{r.fromName ?? 'Een collega'}</span> antwoordt (
                {formatTime(r.at)}):
              </p>
              <p className="whitespace-pre-wrap">{r.text}</p>
              <button
                type="button"
                className="btn-link text-sm"
                onClick={() => replyDismissed(r.consultId, r.at)}
              >
                Gelezen
              </button>
            </li>
          ))}
        </ul>
      )}
      {consults.length === 0 && replies.length === 0 ? (
        <p className="text-sm text-slate-700">Geen vragen van collega's.</p>
      ) : (
        <ul className="space-y-2">
          {consults.map((c) => (
            <ConsultItem key={c.consultId} consult={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
