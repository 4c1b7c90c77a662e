import type { Signaal } from '@kcc/contracts/klantbeeld';

const PREFIX: Record<Signaal['ernst'], string> = { waarschuwing: 'Let op:', info: 'Goed om te weten:' };

/** Proactive signals on top of the klantbeeld: a zaak past its deadline, an open callback, a recent contact. */
export function SignalenList({ signalen }: { signalen: Signaal[] }) {
  if (signalen.length === 0) return null;
  return (
    <section aria-label="Signalen" data-testid="signalen">
      <ul className="space-y-1.5">
        {signalen.map((signaal, index) => (
          <li
            key={`${signaal.soort}-${signaal.verwijzing?.uuid ?? index}`}
            data-testid="signaal"
            data-soort={signaal.soort}
            className={`rounded border-l-4 p-2 text-sm ${
              signaal.ernst === 'waarschuwing'
                ? 'border-amber-600 bg-amber-50 text-amber-950'
                : 'border-blue-700 bg-blue-50 text-blue-950'
            }`}
          >
            <strong>{PREFIX[signaal.ernst]}</strong> {signaal.tekst}
          </li>
        ))}
      </ul>
    </section>
  );
}
