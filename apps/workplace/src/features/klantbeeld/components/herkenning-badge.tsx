import type { KlantbeeldResponse } from '@kcc/contracts/rest';

const LABELS: Record<KlantbeeldResponse['herkenning'], string> = {
  telefoon: 'Herkend via telefoonnummer',
  email: 'Herkend via e-mailadres',
  bsn: 'Herkend via BSN',
  gekoppeld: 'Gekoppeld door medewerker',
  onbekend: 'Onbekende klant',
};

export function HerkenningBadge({ herkenning }: { herkenning: KlantbeeldResponse['herkenning'] }) {
  const known = herkenning !== 'onbekend';
  return (
    <span
      data-testid="herkenning"
      data-herkenning={herkenning}
      className={`inline-block rounded px-2 py-0.5 text-sm font-medium ${
        known ? 'bg-green-100 text-green-900' : 'bg-amber-100 text-amber-900'
      }`}
    >
      {LABELS[herkenning]}
    </span>
  );
}
