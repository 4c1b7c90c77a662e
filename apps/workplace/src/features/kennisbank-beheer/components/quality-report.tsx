import { useId, type ReactNode } from 'react';
import { ARTICLE_TYPE_LABELS } from '@kcc/contracts/kennisbank';
import { describeError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useRapport } from '../api/get-rapport';

const SHOWN = 25;

function Section({
  title,
  count,
  empty,
  children,
}: {
  title: string;
  count: number;
  empty: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="panel space-y-2">
      <h2 id={id} className="panel-title">
        {title} <span className="font-normal text-slate-700">({count})</span>
      </h2>
      {count === 0 ? <p className="text-sm text-slate-700">{empty}</p> : children}
    </section>
  );
}

const more = (count: number) =>
  count > SHOWN ? (
    <p className="text-sm text-slate-700">
      De eerste {SHOWN} van {count} staan hierboven.
    </p>
  ) : null;

/** "Kwaliteit": what the redacteur should improve, from agents' feedback, review dates and residents' use. */
export function QualityReport() {
  const rapport = useRapport();
  if (rapport.isPending) return <p className="text-sm text-slate-700">Laden…</p>;
  if (rapport.isError) {
    return (
      <p role="alert" className="text-sm text-red-800">
        Het rapport kon niet worden geladen. {describeError(rapport.error)}
      </p>
    );
  }
  const r = rapport.data;
  return (
    <div className="space-y-4" data-testid="kennisbank-kwaliteit">
      <Section
        title="Zwakke artikelen"
        count={r.zwakkeArtikelen.length}
        empty="Geen artikelen waarvan medewerkers vaker zeiden dat ze niet hielpen."
      >
        <ul className="space-y-1 text-sm" data-testid="zwakke-artikelen">
          {r.zwakkeArtikelen.slice(0, SHOWN).map((a) => (
            <li key={a.id}>
              <span className="font-medium">{a.title}</span> ({ARTICLE_TYPE_LABELS[a.type]}): {a.hieldNiet}×
              hielp niet, {a.hielp}× hielp
            </li>
          ))}
        </ul>
        {more(r.zwakkeArtikelen.length)}
      </Section>
      <Section
        title="Vragen zonder goed antwoord"
        count={r.vragenZonderGoedAntwoord.length}
        empty="Geen zoekvragen waarbij geen enkel resultaat hielp."
      >
        <ul className="space-y-1 text-sm" data-testid="vragen-zonder-antwoord">
          {r.vragenZonderGoedAntwoord.slice(0, SHOWN).map((q) => (
            <li key={q.query}>
              &quot;{q.query}&quot;: {q.hieldNiet}× hielp niet
            </li>
          ))}
        </ul>
        {more(r.vragenZonderGoedAntwoord.length)}
      </Section>
      <Section
        title="Inwoners op de website"
        count={r.publiek.sessiesMetAntwoord}
        empty="Nog geen inwoners die een antwoord openden in de zoekfunctie van de website."
      >
        <p className="text-sm" data-testid="publiek-zonder-chat">
          {r.publiek.zonderChat} van {r.publiek.sessiesMetAntwoord} bezoekers openden een antwoord en begonnen
          daarna geen chat.
        </p>
      </Section>
      <Section
        title="Review verlopen"
        count={r.aantallen.reviewVerlopen}
        empty="Alle artikelen zijn op tijd gecontroleerd."
      >
        <ul className="space-y-1 text-sm">
          {r.reviewVerlopen.slice(0, SHOWN).map((a) => (
            <li key={a.id}>
              <span className="font-medium">{a.title}</span>: review {formatDate(a.reviewDate)}
              {a.owner ? `, eigenaar ${a.owner}` : ''}
            </li>
          ))}
        </ul>
        {more(r.aantallen.reviewVerlopen)}
      </Section>
      <Section
        title="Zonder antwoordtekst"
        count={r.aantallen.zonderAntwoord}
        empty="Alle gepubliceerde artikelen hebben een antwoordtekst."
      >
        <ul className="space-y-1 text-sm">
          {r.zonderAntwoord.slice(0, SHOWN).map((a) => (
            <li key={a.id}>
              <span className="font-medium">{a.title}</span> ({ARTICLE_TYPE_LABELS[a.type]})
            </li>
          ))}
        </ul>
        {more(r.aantallen.zonderAntwoord)}
      </Section>
    </div>
  );
}
