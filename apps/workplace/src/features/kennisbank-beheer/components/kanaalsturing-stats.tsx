import { useId } from 'react';
import { describeError } from '../../../lib/api-client';
import { useKanaalsturingStats } from '../api/get-kanaalsturing-stats';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** KPI for teamleider and beheerder: how often residents were pointed to the primary channel. */
export function KanaalsturingStats() {
  const id = useId();
  const stats = useKanaalsturingStats();
  return (
    <section aria-labelledby={`${id}-title`} className="panel space-y-3" data-testid="kanaalsturing-stats">
      <h2 id={`${id}-title`} className="panel-title">
        Kanaalsturing
      </h2>
      {stats.isPending ? (
        <p className="text-sm text-slate-700">Laden…</p>
      ) : stats.isError ? (
        <p role="alert" className="text-sm text-red-800">
          De cijfers konden niet worden geladen. {describeError(stats.error)}
        </p>
      ) : stats.data.total === 0 ? (
        <p className="text-sm text-slate-700">Er zijn nog geen registraties met kanaalsturing.</p>
      ) : (
        <>
          <p>
            <span className="text-2xl font-semibold" data-testid="aandeel-gewezen">
              {percent(stats.data.aandeelGewezen)}
            </span>{' '}
            van {stats.data.total} {stats.data.total === 1 ? 'inwoner' : 'inwoners'} gewezen op het primaire
            kanaal ({stats.data.gewezenOpPrimairKanaal} gewezen, {stats.data.nietGewezen} niet).
          </p>
          <p>
            <span className="text-2xl font-semibold" data-testid="aandeel-via-primair">
              {percent(stats.data.aandeelViaPrimairKanaal)}
            </span>{' '}
            kwam al via het primaire kanaal binnen ({stats.data.viaPrimairKanaal} van {stats.data.total}).
          </p>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Kanaalsturing per product</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">
                  Product
                </th>
                <th scope="col" className="py-1 pr-3">
                  Primair kanaal
                </th>
                <th scope="col" className="py-1 pr-3">
                  Gewezen
                </th>
                <th scope="col" className="py-1 pr-3">
                  Aandeel gewezen
                </th>
                <th scope="col" className="py-1">
                  Via primair kanaal
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.data.perProduct.map((row) => (
                <tr key={`${row.product}-${row.primairKanaal}`} className="border-b border-slate-200">
                  <th scope="row" className="py-1 pr-3 font-medium">
                    {row.product}
                  </th>
                  <td className="py-1 pr-3">{row.primairKanaal}</td>
                  <td className="py-1 pr-3">
                    {row.gewezenOpPrimairKanaal} van {row.total}
                  </td>
                  <td className="py-1 pr-3">{percent(row.aandeelGewezen)}</td>
                  <td className="py-1">
                    {row.viaPrimairKanaal} van {row.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
