import { useState } from 'react';
import { describeExportError, downloadExport, type ExportFormat } from '../api/download-export';

type ExportState = { busy?: ExportFormat; done?: string; error?: string };

/** Export for the inzageverzoek as JSON or CSV, made by the server (the export is logged as well). */
export function ExportButtons({ bsn, token }: { bsn: string; token: string }) {
  const [state, setState] = useState<ExportState>({});

  const run = async (format: ExportFormat) => {
    setState({ busy: format });
    try {
      const name = await downloadExport(bsn, format, token);
      setState({ done: name });
    } catch (error) {
      setState({ error: describeExportError(error) });
    }
  };

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className="btn-secondary"
          disabled={state.busy !== undefined}
          onClick={() => void run('json')}
        >
          Exporteren als JSON
        </button>
        <button
          type="button"
          className="btn-secondary"
          disabled={state.busy !== undefined}
          onClick={() => void run('csv')}
        >
          Exporteren als CSV
        </button>
      </div>
      <div aria-live="polite" className="text-sm">
        {state.busy && <p className="text-slate-700">Export wordt gemaakt…</p>}
        {state.done && <p data-testid="export-done">Het bestand {state.done} is gedownload.</p>}
      </div>
      {state.error && (
        <p role="alert" className="text-sm text-red-800">
          {state.error}
        </p>
      )}
    </div>
  );
}
