import { useState } from 'react';
import { maskBsn, maskedBsnLabel } from '../../../lib/format';

/** BSN shown as ••••••653 until the agent explicitly asks to see it (data minimisation on screen). */
export function MaskedBsn({ bsn }: { bsn: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <span
        data-testid="bsn"
        className="font-mono tabular-nums"
        aria-label={shown ? undefined : maskedBsnLabel(bsn)}
      >
        {shown ? bsn : maskBsn(bsn)}
      </span>
      <button
        type="button"
        className="btn-link text-sm"
        aria-pressed={shown}
        onClick={() => setShown((v) => !v)}
      >
        {shown ? 'Verberg BSN' : 'Toon BSN'}
      </button>
    </span>
  );
}
