import type { PartijView } from '@kcc/contracts/rest';
import { MaskedBsn } from './masked-bsn';

const ADRES_LABELS: Record<PartijView['digitaleAdressen'][number]['soortDigitaalAdres'], string> = {
  telefoonnummer: 'Telefoon',
  email: 'E-mail',
  overig: 'Overig',
};

export function PartijDetails({ partij }: { partij: PartijView }) {
  return (
    <div>
      <p data-testid="partij-naam" className="text-lg font-semibold text-slate-900">
        {partij.naam}
      </p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {partij.bsn && (
          <>
            <dt className="text-slate-700">BSN</dt>
            <dd>
              <MaskedBsn bsn={partij.bsn} />
            </dd>
          </>
        )}
        {partij.kvkNummer && (
          <>
            <dt className="text-slate-700">KvK-nummer</dt>
            <dd>{partij.kvkNummer}</dd>
          </>
        )}
        {partij.digitaleAdressen.map((adres) => (
          <div key={adres.uuid} className="contents">
            <dt className="text-slate-700">{ADRES_LABELS[adres.soortDigitaalAdres]}</dt>
            <dd className="break-all">
              {adres.adres}
              {adres.isStandaardAdres && <span className="ml-1 text-slate-700">(voorkeur)</span>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
