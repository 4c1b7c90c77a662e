import type { Identificatie } from '@kcc/contracts/klantbeeld';

const ONDERDELEN: Record<Identificatie['afgeschermd'][number], string> = {
  identiteit: 'BRP-gegevens',
  zaken: 'zaken',
  signalen: 'signalen',
};

/**
 * Why parts of the klantbeeld are hidden, and the way on: verify the resident. Only while the level is below
 * `geverifieerd` (the server withholds those parts, this only explains it).
 */
export function IdentificatieMelding({
  identificatie,
  onVerifieren,
}: {
  identificatie: Identificatie;
  onVerifieren: () => void;
}) {
  if (identificatie.afgeschermd.length === 0) return null;
  const verborgen = identificatie.afgeschermd.map((o) => ONDERDELEN[o]);
  const lijst = `${verborgen.slice(0, -1).join(', ')} en ${verborgen[verborgen.length - 1]}`;
  const { verificatie } = identificatie;
  return (
    <div
      data-testid="identificatie-melding"
      className="space-y-2 rounded border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p>
        {identificatie.niveau === 'herkend'
          ? 'Deze klant is herkend, maar nog niet geverifieerd. Het kan iemand anders zijn. '
          : 'We weten nog niet wie dit is. '}
        Daarom ziet u geen {lijst}.
      </p>
      {verificatie.mogelijk ? (
        <button type="button" className="btn-primary" onClick={onVerifieren}>
          Verifiëren
        </button>
      ) : (
        verificatie.reden && <p data-testid="verificatie-reden">{verificatie.reden}</p>
      )}
    </div>
  );
}
