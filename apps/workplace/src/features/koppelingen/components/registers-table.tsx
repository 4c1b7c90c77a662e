import type { KoppelingenResponse } from '@kcc/contracts/klantbeeld';
import { BRON_LABELS, REGISTER_LABELS } from '../utils/koppelingen-labels';

interface RegistersTableProps {
  registers: KoppelingenResponse['registers'];
}

/** Per register: the demo data built into the server, or a real register the server is connected to. */
export function RegistersTable({ registers }: RegistersTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="registers-table">
        <caption className="mb-2 text-left text-lg font-semibold">Registers</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left text-xs text-slate-700">
            <th scope="col" className="py-1 pr-3 font-medium">
              Register
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Bron
            </th>
          </tr>
        </thead>
        <tbody>
          {registers.map(({ register, bron }) => (
            <tr key={register} className="border-b border-slate-200" data-register={register}>
              <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                {REGISTER_LABELS[register]}
              </th>
              <td className="py-1.5 pr-3" data-bron={bron}>
                {BRON_LABELS[bron]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
