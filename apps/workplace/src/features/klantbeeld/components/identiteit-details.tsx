import type { OrganisatieIdentiteit, PersoonIdentiteit } from '@kcc/contracts/klantbeeld';
import { formatDatum } from '../utils/klantbeeld-format';
import { MaskedBsn } from './masked-bsn';

function Adres({ regels }: { regels: string[] }) {
  return (
    <>
      {regels.map((regel, i) => (
        <span key={i} className="block">
          {regel}
        </span>
      ))}
    </>
  );
}

/** BRP data, minimal for the purpose: only to check who the agent is talking to. */
export function PersoonIdentiteitDetails({ persoon }: { persoon: PersoonIdentiteit }) {
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <span
          data-testid="alleen-ter-verificatie"
          className="mr-2 inline-block rounded border border-slate-500 px-1.5 text-xs font-semibold text-slate-800"
        >
          Alleen ter verificatie
        </span>
        <span className="text-slate-700">Gebruik dit alleen om te controleren wie u spreekt.</span>
      </p>
      {persoon.geheimhouding && (
        <p
          role="note"
          data-testid="geheimhouding"
          className="rounded border-2 border-red-700 bg-red-50 p-2 text-sm text-red-900"
        >
          <strong>Geheimhouding.</strong> Deze inwoner wil dat zijn of haar gegevens geheim blijven. Geef geen
          gegevens door aan anderen, ook niet aan familie of instanties.
        </p>
      )}
      {persoon.opgeschort && (
        <p role="note" className="rounded border border-amber-700 bg-amber-50 p-2 text-sm text-amber-950">
          <strong>Let op:</strong> deze persoonslijst is opgeschort (bijvoorbeeld na overlijden of emigratie).
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-700">Naam</dt>
        <dd>{persoon.naam.volledigeNaam}</dd>
        <dt className="text-slate-700">BSN</dt>
        <dd>
          <MaskedBsn bsn={persoon.bsn} />
        </dd>
        {persoon.geboortedatum && (
          <>
            <dt className="text-slate-700">Geboortedatum</dt>
            <dd>{formatDatum(persoon.geboortedatum)}</dd>
          </>
        )}
        {persoon.adresregels.length > 0 && (
          <>
            <dt className="text-slate-700">Adres</dt>
            <dd>
              <Adres regels={persoon.adresregels} />
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

export function OrganisatieIdentiteitDetails({ organisatie }: { organisatie: OrganisatieIdentiteit }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="text-slate-700">Naam</dt>
      <dd>{organisatie.naam}</dd>
      <dt className="text-slate-700">KvK-nummer</dt>
      <dd data-testid="kvk-nummer" className="tabular-nums">
        {organisatie.kvkNummer}
      </dd>
      {organisatie.rsin && (
        <>
          <dt className="text-slate-700">RSIN</dt>
          <dd className="tabular-nums">{organisatie.rsin}</dd>
        </>
      )}
      {organisatie.rechtsvorm && (
        <>
          <dt className="text-slate-700">Rechtsvorm</dt>
          <dd>{organisatie.rechtsvorm}</dd>
        </>
      )}
      {organisatie.adresregels.length > 0 && (
        <>
          <dt className="text-slate-700">Adres</dt>
          <dd>
            <Adres regels={organisatie.adresregels} />
          </dd>
        </>
      )}
      {organisatie.sbiActiviteiten.length > 0 && (
        <>
          <dt className="text-slate-700">Activiteiten</dt>
          <dd>
            <Adres regels={organisatie.sbiActiviteiten} />
          </dd>
        </>
      )}
      {organisatie.registratiedatum && (
        <>
          <dt className="text-slate-700">Ingeschreven sinds</dt>
          <dd>{formatDatum(organisatie.registratiedatum)}</dd>
        </>
      )}
    </dl>
  );
}
