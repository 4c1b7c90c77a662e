import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { CobrowseEndReason, CobrowseSessionView } from '@kcc/contracts/cobrowse';
import type { Contact } from '@kcc/contracts/domain';
import { connectCobrowse, describeCobrowseError } from '../api/cobrowse-socket';
import { LiveReplay, type ReplayMode } from './live-replay';

const ENDED: Record<CobrowseEndReason, string> = {
  resident: 'De inwoner heeft het meekijken gestopt.',
  agent: 'U heeft het meekijken gestopt.',
  refused: 'De inwoner heeft het meekijken geweigerd.',
  'contact-ended': 'Het meekijken is gestopt: het gesprek is afgelopen.',
  transferred: 'Het meekijken is gestopt: het contact is doorverbonden.',
  'resident-left': 'Het meekijken is gestopt: de inwoner heeft de website verlaten.',
  expired: 'Het meekijken is gestopt: de inwoner heeft niet op tijd geantwoord.',
};

function statusText(view: CobrowseSessionView | null): string {
  if (!view) return '';
  if (view.status === 'invited') return 'Wachten tot de inwoner toestemming geeft…';
  if (view.status === 'paused') return 'De inwoner gaat naar een andere pagina…';
  if (view.status === 'ended') return ENDED[view.endedReason ?? 'agent'];
  if (view.control === 'requested') return 'U kijkt mee. Wachten tot de inwoner bediening toestaat…';
  if (view.control === 'granted') return 'U kijkt mee en mag de pagina bedienen.';
  return 'U kijkt mee.';
}

/**
 * Co-browse for the open contact: "Meekijken" (chat) or "Code invoeren" (phone), then the live page of the
 * resident with pointer and, after the resident's second consent, control. Only while the agent holds the contact.
 */
export function CobrowsePane({
  contact,
  serverUrl,
  token,
}: {
  contact: Contact;
  serverUrl: string;
  token: string;
}) {
  // Created once per token; opened while the pane is mounted (StrictMode may close and open it again).
  const connection = useMemo(() => connectCobrowse(serverUrl, token), [serverUrl, token]);
  const [view, setView] = useState<CobrowseSessionView | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');
  const [mode, setMode] = useState<ReplayMode>('point');
  const [selected, setSelected] = useState<{ id: number | undefined; label: string }>({
    id: undefined,
    label: '',
  });
  const [text, setText] = useState('');
  const titleId = useId();
  const codeId = useId();
  const isChat = contact.channel === 'chat';

  useEffect(() => {
    const offState = connection.onState((v) => {
      if (v.contactId === contact.id) setView(v);
    });
    const watch = () =>
      void connection.watch(contact.id).then((res) => {
        if (res.ok && res.data) setView(res.data);
      });
    const offReconnect = connection.onReconnect(watch);
    connection.open();
    return () => {
      offState();
      offReconnect();
      connection.close();
    };
  }, [connection, contact.id]);

  const run = async (fn: () => Promise<{ ok: boolean; error?: string; data?: unknown }>) => {
    setBusy(true);
    setError('');
    const res = await fn();
    setBusy(false);
    if (!res.ok) setError(describeCobrowseError(res.error ?? ''));
    return res;
  };
  const start = () =>
    void run(async () => {
      const res = await connection.request(contact.id);
      if (res.ok) setView(res.data);
      return res;
    });
  const redeem = (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(digits)) {
      setError('Een code heeft 6 cijfers.');
      return;
    }
    void run(async () => {
      const res = await connection.redeem(contact.id, digits);
      if (res.ok) {
        setView(res.data);
        setCode('');
      }
      return res;
    });
  };
  const session = view && view.status !== 'ended' ? view : null;
  const end = () => session && void run(() => connection.end(session.sessionId));
  const askControl = () =>
    session && connection && void run(() => connection.requestControl(session.sessionId));
  const typeText = (event: FormEvent) => {
    event.preventDefault();
    if (!session || selected.id === undefined) return;
    const nodeId = selected.id;
    void run(() => connection.input(session.sessionId, { type: 'text', nodeId, text })).then((res) => {
      if (res.ok) setText('');
    });
  };
  const onSelect = useCallback((id: number | undefined, label: string) => setSelected({ id, label }), []);
  const onReplayError = useCallback((message: string) => setError(message), []);
  const canControl = session?.control === 'granted';

  return (
    <section aria-labelledby={titleId} data-testid="cobrowse-pane" className="panel space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={titleId} className="panel-title mr-auto">
          Meekijken
        </h2>
        {!session && isChat && (
          <button type="button" className="btn-secondary" disabled={busy} onClick={start}>
            Meekijken
          </button>
        )}
        {session && (
          <>
            {session.status === 'active' && session.control === 'none' && (
              <button type="button" className="btn-secondary" disabled={busy} onClick={askControl}>
                Bediening vragen
              </button>
            )}
            <button type="button" className="btn-secondary" disabled={busy} onClick={end}>
              Stoppen met meekijken
            </button>
          </>
        )}
      </div>

      {!session && !isChat && (
        <form className="flex flex-wrap items-end gap-2" onSubmit={redeem} noValidate>
          <div>
            <label htmlFor={codeId} className="block text-sm font-semibold">
              Code van de inwoner
            </label>
            <p id={`${codeId}-hint`} className="text-sm text-slate-700">
              De inwoner ziet de code na &ldquo;Hulp van een medewerker&rdquo; op de website.
            </p>
            <input
              id={codeId}
              className="field w-40 font-mono tracking-widest"
              inputMode="numeric"
              autoComplete="off"
              maxLength={7}
              aria-describedby={`${codeId}-hint`}
              aria-invalid={error !== '' ? true : undefined}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
            Code invoeren
          </button>
        </form>
      )}

      <p role="status" aria-live="polite" data-testid="cobrowse-status" className="text-sm text-slate-800">
        {statusText(view)}
      </p>
      {error && (
        <p role="alert" className="field-error" data-testid="cobrowse-error">
          {error}
        </p>
      )}

      {session && (session.status === 'active' || session.status === 'paused') && (
        <>
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">Wat doet een klik op de pagina?</legend>
            <label className="inline-flex items-center gap-1">
              <input
                type="radio"
                name={`${titleId}-mode`}
                checked={mode === 'point'}
                onChange={() => setMode('point')}
              />
              Aanwijzen
            </label>
            <label className="inline-flex items-center gap-1">
              <input
                type="radio"
                name={`${titleId}-mode`}
                checked={mode === 'control'}
                disabled={!canControl}
                onChange={() => setMode('control')}
              />
              Bedienen {canControl ? '' : '(de inwoner moet dit eerst toestaan)'}
            </label>
          </fieldset>
          <LiveReplay
            connection={connection}
            sessionId={session.sessionId}
            mode={mode}
            canControl={canControl}
            onSelect={onSelect}
            onError={onReplayError}
          />
          {canControl && (
            <form className="flex flex-wrap items-end gap-2" onSubmit={typeText}>
              <div className="grow">
                <label htmlFor={`${titleId}-text`} className="block text-sm font-semibold">
                  Tekst voor het gekozen veld{selected.label ? ` (${selected.label})` : ''}
                </label>
                <input
                  id={`${titleId}-text`}
                  className="field"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  disabled={selected.id === undefined}
                />
              </div>
              <button type="submit" className="btn-secondary" disabled={busy || selected.id === undefined}>
                Invullen
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
