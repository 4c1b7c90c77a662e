import type { Contactgegevens } from '@kcc/contracts/klantbeeld';

const ADRES_LABELS: Record<Contactgegevens['digitaleAdressen'][number]['soortDigitaalAdres'], string> = {
  telefoonnummer: 'Telefoon',
  email: 'E-mail',
  overig: 'Overig',
};
const VOORKEUR_LABELS: Record<NonNullable<Contactgegevens['voorkeurskanaal']>, string> = {
  telefoon: 'Telefoon',
  email: 'E-mail',
};

export function ContactgegevensDetails({ gegevens }: { gegevens: Contactgegevens }) {
  return (
    <div className="space-y-1 text-sm">
      {gegevens.voorkeurskanaal ? (
        <p data-testid="voorkeurskanaal">
          <span className="font-medium">Voorkeurskanaal:</span> {VOORKEUR_LABELS[gegevens.voorkeurskanaal]}
          {gegevens.voorkeursadres && <span> ({gegevens.voorkeursadres})</span>}
        </p>
      ) : (
        <p className="text-slate-700">Geen voorkeurskanaal bekend.</p>
      )}
      {gegevens.digitaleAdressen.length === 0 ? (
        <p className="text-slate-700">Geen telefoonnummer of e-mailadres bekend.</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {gegevens.digitaleAdressen.map((adres) => (
            <div key={adres.uuid} className="contents">
              <dt className="text-slate-700">{ADRES_LABELS[adres.soortDigitaalAdres]}</dt>
              <dd className="break-all">
                {adres.adres}
                {adres.isStandaardAdres && <span className="ml-1 text-slate-700">(voorkeur)</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
