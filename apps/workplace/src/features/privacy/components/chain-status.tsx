import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useChainStatus } from '../api/get-chain-status';

/** Whether the log is intact (hash chain), with the head hash to note down elsewhere. */
export function ChainStatusPanel() {
  const chain = useChainStatus();
  const status = chain.data;
  return (
    <section aria-labelledby="chain-title" className="panel space-y-2" data-testid="chain-status">
      <h2 id="chain-title" className="panel-title">
        Controle van het logboek
      </h2>
      {chain.isPending && <p className="text-sm text-slate-700">Het logboek wordt gecontroleerd…</p>}
      {chain.isError && (
        <p role="alert" className="text-sm text-red-800">
          De controle lukte niet. {describeError(chain.error)}
        </p>
      )}
      {status &&
        (status.ok ? (
          <p data-chain-ok="true" className="text-sm">
            <strong className="text-green-900">Het logboek is onveranderd.</strong> {status.count}{' '}
            verwerkingsacties gecontroleerd op {formatDateTime(status.checkedAt)}.
          </p>
        ) : (
          <p
            role="alert"
            data-chain-ok="false"
            className="rounded border-2 border-red-700 bg-red-50 p-2 text-sm text-red-900"
          >
            <strong>Het logboek is aangepast of beschadigd.</strong> {status.broken?.melding}
            {status.broken && ` (bij volgnummer ${status.broken.seq})`}. Meld dit direct bij de beheerder en
            de functionaris gegevensbescherming.
          </p>
        ))}
      {status && (
        <p className="text-xs text-slate-700">
          Controlecode van de laatste regel:{' '}
          <code data-testid="head-hash" className="break-all">
            {status.headHash}
          </code>
          . Noteer deze code in uw eigen administratie; zo ziet u later of het hele logboek is herschreven.
        </p>
      )}
      <button
        type="button"
        className="btn-secondary"
        onClick={() => void chain.refetch()}
        disabled={chain.isFetching}
      >
        Opnieuw controleren
      </button>
    </section>
  );
}
