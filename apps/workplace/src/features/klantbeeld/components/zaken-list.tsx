import type { ZaakView } from '@kcc/contracts/klantbeeld';
import { formatDatum, zaakDeadline } from '../utils/klantbeeld-format';

/** Lopende zaken, soonest deadline first (as the server sorts them). A past deadline is said in words too. */
export function ZakenList({ zaken }: { zaken: ZaakView[] }) {
  if (zaken.length === 0) return <p className="text-sm text-slate-700">Geen lopende zaken.</p>;
  return (
    <ul className="space-y-2 text-sm">
      {zaken.map((zaak) => {
        const deadline = zaakDeadline(zaak);
        return (
          <li
            key={zaak.uuid}
            data-testid="zaak"
            data-termijn-verstreken={zaak.termijnVerstreken}
            className={`rounded border p-2 ${
              zaak.termijnVerstreken ? 'border-l-4 border-red-700 bg-red-50' : 'border-slate-200'
            }`}
          >
            <p className="font-medium">
              {zaak.omschrijving} <span className="font-normal text-slate-700">({zaak.identificatie})</span>
            </p>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
              <dt className="text-slate-700">Soort zaak</dt>
              <dd>{zaak.zaaktype}</dd>
              <dt className="text-slate-700">Status</dt>
              <dd data-testid="zaak-status">
                {zaak.status ? (
                  <>
                    {zaak.status.omschrijving}
                    {zaak.status.statustekst && (
                      <span className="block text-slate-700">{zaak.status.statustekst}</span>
                    )}
                  </>
                ) : (
                  'Onbekend'
                )}
              </dd>
              <dt className="text-slate-700">Behandelaar</dt>
              <dd data-testid="zaak-behandelaar">{zaak.behandelaar ?? 'Nog niet toegewezen'}</dd>
              <dt className="text-slate-700">Klaar op</dt>
              <dd data-testid="zaak-deadline">
                {deadline ? formatDatum(deadline) : 'Geen datum bekend'}
                {zaak.termijnVerstreken && (
                  <strong className="ml-2 inline-block rounded bg-red-800 px-1.5 text-xs text-white">
                    Termijn verstreken
                  </strong>
                )}
                {zaak.einddatumGepland && zaak.uiterlijkeEinddatumAfdoening && (
                  <span className="block text-slate-700">
                    Uiterlijk {formatDatum(zaak.uiterlijkeEinddatumAfdoening)}
                  </span>
                )}
              </dd>
            </dl>
            {zaak.documenten.length > 0 && (
              <details className="mt-1">
                <summary className="cursor-pointer text-blue-900">
                  Documenten ({zaak.documenten.length})
                </summary>
                <ul className="mt-1 list-disc pl-6">
                  {zaak.documenten.map((doc, i) => (
                    <li key={`${doc.titel}-${i}`}>
                      {doc.titel}
                      {doc.registratiedatum && (
                        <span className="text-slate-700"> · {formatDatum(doc.registratiedatum)}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
