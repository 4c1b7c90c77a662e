import type { DraftView, NoteView } from '@kcc/contracts/channels';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import { formatDateTime } from '../../../lib/format';
import { useContactContext } from '../api/get-contact-context';

const DRAFT_FIELDS: [string, string][] = [
  ['onderwerp', 'Onderwerp'],
  ['inhoud', 'Vraag'],
  ['reactie', 'Antwoord / notitie'],
];

function draftLines(draft: DraftView['draft']): [string, string][] {
  return DRAFT_FIELDS.flatMap(([key, label]) => {
    const value = draft[key];
    return typeof value === 'string' && value.trim() !== '' ? [[label, value] as [string, string]] : [];
  });
}

const NOTE_LABELS: Record<NoteView['kind'], string> = {
  overdracht: 'Overdracht',
  consult: 'Vraag aan collega',
  'consult-antwoord': 'Antwoord van collega',
};

interface TransferBannerProps {
  contactId: string;
  currentUserId: string | undefined;
  /** "Concept overnemen": the receiver continues the colleague's registration. */
  onAdoptDraft: (draft: DraftView['draft']) => void;
}

/**
 * Warm hand-over: who handed this contact over and why, earlier internal notes, and the registration drafts of
 * colleagues, so the resident does not have to repeat anything. Nothing is shown for a contact without history.
 */
export function TransferBanner({ contactId, currentUserId, onAdoptDraft }: TransferBannerProps) {
  const context = useContactContext(contactId);
  if (!context.data) return null;
  const { notes, drafts, kanaalswitch } = context.data;
  const transfers = notes.filter((n) => n.kind === 'overdracht');
  const latest = transfers[transfers.length - 1];
  const foreignDrafts = drafts.filter((d) => d.agentId !== currentUserId && draftLines(d.draft).length > 0);
  const otherNotes = notes.filter((n) => n !== latest);
  if (!latest && foreignDrafts.length === 0 && !kanaalswitch) return null;

  return (
    <section
      aria-label="Overdracht"
      data-testid="transfer-banner"
      className="space-y-2 rounded-md border border-blue-300 bg-blue-50 px-3 py-2 text-sm text-slate-900"
    >
      {latest && (
        <p>
          <span className="font-semibold">
            Overgedragen door {latest.fromName ?? 'een collega'}
            {latest.toQueue ? ` (via wachtrij ${latest.toQueue})` : ''}
          </span>{' '}
          — {latest.text !== '' ? latest.text : 'geen notitie'}
          <span className="text-slate-700"> · {formatDateTime(latest.at)}</span>
        </p>
      )}
      {kanaalswitch && (
        <p>
          Deze klant had kort geleden al contact via {CHANNEL_LABELS[kanaalswitch.fromChannel]} (
          {formatDateTime(kanaalswitch.at)}).
        </p>
      )}
      {otherNotes.length > 0 && (
        <ul aria-label="Eerdere notities" className="space-y-0.5">
          {otherNotes.map((n) => (
            <li key={n.id}>
              <span className="font-medium">{NOTE_LABELS[n.kind]}</span> van {n.fromName ?? 'een collega'}:{' '}
              {n.text !== '' ? n.text : '—'}
            </li>
          ))}
        </ul>
      )}
      {foreignDrafts.map((d) => (
        <div key={d.agentId} className="rounded border border-blue-200 bg-white px-2 py-1.5">
          <p className="font-medium">
            Concept van {d.agentName ?? 'een collega'} ({formatDateTime(d.savedAt)})
          </p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3">
            {draftLines(d.draft).map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-700">{label}</dt>
                <dd className="whitespace-pre-wrap">{value}</dd>
              </div>
            ))}
          </dl>
          <button type="button" className="btn-secondary mt-2" onClick={() => onAdoptDraft(d.draft)}>
            Concept overnemen
          </button>
        </div>
      ))}
    </section>
  );
}
