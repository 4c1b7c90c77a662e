import { useState } from 'react';
import type { ContactFrom } from '@kcc/contracts/domain';
import type { LinkPartijRequest } from '@kcc/contracts/rest';
import { SHORTCUTS } from '../../../config/shortcuts';
import { ApiError, describeError, invalidParamReason } from '../../../lib/api-client';
import { useHotkey } from '../../../lib/use-hotkey';
import { useKlantbeeld } from '../api/get-klantbeeld';
import { useLinkPartij } from '../api/link-partij';
import { HerkenningBadge } from './herkenning-badge';
import { IdentificatieBadge } from './identificatie-badge';
import { IdentificatieMelding } from './identificatie-melding';
import { IntegraalKlantbeeld } from './integraal-klantbeeld';
import { KandidatenList } from './kandidaten-list';
import { KlantcontactHistory } from './klantcontact-history';
import { NewPartijForm } from './new-partij-form';
import { PartijDetails } from './partij-details';
import { PartijInterneTaken } from './partij-interne-taken';
import { PartijSearch } from './partij-search';
import { ToestemmingenSectie } from './toestemmingen-sectie';
import { VerificatieDialog } from './verificatie-dialog';

type Mode = 'view' | 'search' | 'new';

function serverFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const errors: Record<string, string> = {};
  for (const param of error.invalidParams) {
    const field = param.name.replace(/^body\./, '').replace(/^nieuw\./, '');
    errors[field] ??= invalidParamReason(param);
  }
  return errors;
}

interface KlantbeeldPanelProps {
  contactId: string;
  /** What the channel told us about the caller: prefills a new partij. */
  from: ContactFrom;
}

export function KlantbeeldPanel({ contactId, from }: KlantbeeldPanelProps) {
  const klantbeeld = useKlantbeeld(contactId);
  const link = useLinkPartij(contactId);
  const [mode, setMode] = useState<Mode>('view');
  const [verifieren, setVerifieren] = useState(false);
  const [melding, setMelding] = useState('');
  useHotkey(SHORTCUTS.focusKlantbeeld, () => document.getElementById('klantbeeld')?.focus());

  const onLink = (body: LinkPartijRequest) =>
    link.mutate(body, {
      onSuccess: () => setMode('view'),
    });

  const data = klantbeeld.data;
  const partij = data?.partij;
  const integraal = data?.integraal;
  const otherKandidaten = data?.kandidaten.filter((k) => k.uuid !== partij?.uuid) ?? [];
  const linkErrors = serverFieldErrors(link.error);

  return (
    <section
      id="klantbeeld"
      tabIndex={-1}
      data-testid="klantbeeld"
      aria-labelledby="klantbeeld-title"
      aria-busy={klantbeeld.isPending || undefined}
      className="panel space-y-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="klantbeeld-title" className="panel-title">
          Klantbeeld
        </h2>
        {data && (
          <div className="flex flex-wrap items-center gap-2">
            <IdentificatieBadge niveau={data.identificatie.niveau} />
            <HerkenningBadge herkenning={data.herkenning} />
          </div>
        )}
      </div>
      <p aria-live="polite" className="sr-only" data-testid="klantbeeld-live">
        {melding}
      </p>

      {klantbeeld.isPending && <p className="text-sm text-slate-700">Klantgegevens laden…</p>}
      {klantbeeld.isError && (
        <div role="alert" className="space-y-2 text-sm text-red-800">
          <p>Het klantbeeld kon niet worden geladen. {describeError(klantbeeld.error)}</p>
          <button type="button" className="btn-secondary" onClick={() => void klantbeeld.refetch()}>
            Opnieuw proberen
          </button>
        </div>
      )}
      {data?.storing && (
        <div
          role="alert"
          className="space-y-2 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950"
        >
          <p>{data.storing}</p>
          <button type="button" className="btn-secondary" onClick={() => void klantbeeld.refetch()}>
            Opnieuw proberen
          </button>
        </div>
      )}
      {link.isError && Object.keys(linkErrors).length === 0 && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          Koppelen is niet gelukt. {describeError(link.error)}
        </p>
      )}

      {data && mode === 'view' && (
        <IdentificatieMelding identificatie={data.identificatie} onVerifieren={() => setVerifieren(true)} />
      )}
      {verifieren && data && partij && (
        <VerificatieDialog
          contactId={contactId}
          naam={partij.naam}
          pogingenOver={data.identificatie.verificatie.pogingenOver}
          onClose={() => setVerifieren(false)}
          onVerified={() => {
            setVerifieren(false);
            setMelding('De klant is geverifieerd. U ziet nu alle gegevens.');
          }}
        />
      )}

      {data && partij && integraal && (
        <>
          <p data-testid="partij-naam" className="text-lg font-semibold text-slate-900">
            {partij.naam}
          </p>
          <IntegraalKlantbeeld integraal={integraal} doel={{ contactId }} />
        </>
      )}
      {data && partij && !integraal && <PartijDetails partij={partij} />}
      {data && partij && mode === 'view' && <ToestemmingenSectie contactId={contactId} partij={partij} />}

      {data && !partij && otherKandidaten.length > 0 && mode === 'view' && (
        <div className="space-y-2">
          <p className="text-sm font-medium">
            {otherKandidaten.length === 1
              ? 'Er is 1 klant gevonden.'
              : `Er zijn ${otherKandidaten.length} klanten gevonden.`}{' '}
            Vraag door en kies de juiste klant.
          </p>
          <KandidatenList kandidaten={otherKandidaten} linking={link.isPending} onChoose={onLink} />
        </div>
      )}

      {data && !partij && otherKandidaten.length === 0 && mode === 'view' && (
        <p className="text-sm text-slate-800">
          We weten niet wie dit is. Zoek de klant op of maak een nieuwe klant aan.
        </p>
      )}

      {data && (
        <div className="flex flex-wrap gap-2">
          {!partij && mode !== 'search' && (
            <button type="button" className="btn-secondary" onClick={() => setMode('search')}>
              Klant zoeken
            </button>
          )}
          {partij && mode === 'view' && (
            <button type="button" className="btn-link text-sm" onClick={() => setMode('search')}>
              Andere klant koppelen
            </button>
          )}
          {mode !== 'new' && !partij && (
            <button type="button" className="btn-secondary" onClick={() => setMode('new')}>
              Nieuwe klant aanmaken
            </button>
          )}
        </div>
      )}

      {data && partij && otherKandidaten.length > 0 && mode === 'view' && (
        <details className="text-sm">
          <summary className="cursor-pointer">
            Andere klanten met dezelfde gegevens ({otherKandidaten.length})
          </summary>
          <div className="mt-2">
            <KandidatenList kandidaten={otherKandidaten} linking={link.isPending} onChoose={onLink} />
          </div>
        </details>
      )}

      {mode === 'search' && (
        <div className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3">
          <PartijSearch contactId={contactId} onLink={onLink} linking={link.isPending} />
          <button type="button" className="btn-link text-sm" onClick={() => setMode('view')}>
            Zoeken sluiten
          </button>
        </div>
      )}
      {mode === 'new' && (
        <div className="rounded border border-slate-200 bg-slate-50 p-3">
          <NewPartijForm
            from={from}
            linking={link.isPending}
            serverErrors={linkErrors}
            onCreate={onLink}
            onCancel={() => setMode('view')}
          />
        </div>
      )}

      {data && partij && !integraal && (
        <>
          <KlantcontactHistory klantcontacten={data.klantcontacten} doel={{ contactId }} />
          <PartijInterneTaken taken={data.openInterneTaken} />
        </>
      )}
    </section>
  );
}
