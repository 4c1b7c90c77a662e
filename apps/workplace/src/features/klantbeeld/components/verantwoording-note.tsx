import type { IntegraalKlantbeeld } from '@kcc/contracts/klantbeeld';
import { formatDateTime } from '../../../lib/format';
import { BRON_STATUS_LABELS, REGISTER_LABELS } from '../utils/klantbeeld-format';

/** Why and from where this klantbeeld was read: the purpose it is logged under, small at the bottom. */
export function VerantwoordingNote({
  verantwoording,
}: {
  verantwoording: IntegraalKlantbeeld['verantwoording'];
}) {
  const bronnen = verantwoording.bronnen.filter((b) => b.status !== 'niet_van_toepassing');
  return (
    <p className="border-t border-slate-200 pt-2 text-xs text-slate-700" data-testid="verantwoording">
      Ingezien voor: <span className="font-medium">{verantwoording.doelOmschrijving}</span>. Vastgelegd in het
      verwerkingenlog op {formatDateTime(verantwoording.samengesteldOp)}.
      {bronnen.length > 0 && (
        <>
          {' '}
          Bronnen:{' '}
          {bronnen.map((b) => `${REGISTER_LABELS[b.register]} (${BRON_STATUS_LABELS[b.status]})`).join(', ')}.
        </>
      )}
    </p>
  );
}
