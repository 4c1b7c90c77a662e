import type { LoginResponse } from '@kcc/contracts/rest';
import { ChainStatusPanel } from './chain-status';
import { VerwerkingenSearch } from './verwerkingen-search';
import { BewaartermijnenView } from '../../bewaartermijnen/components/bewaartermijnen-view';

interface PrivacyViewProps {
  user: LoginResponse['user'];
  /** The session's Bearer token, for the export download (a link cannot carry it). */
  token: string;
  onLogout: () => void;
}

/** The privacy officer's screen: the verwerkingenlog per resident, the export and the chain check. */
export function PrivacyView({ user, token, onLogout }: PrivacyViewProps) {
  return (
    <div data-app-state="ready" data-view="privacy" className="flex min-h-screen flex-col">
      <a href="#main" className="skip-link">
        Naar hoofdinhoud
      </a>
      <header className="app-header flex flex-wrap items-center gap-x-6 gap-y-2 bg-blue-800 px-4 py-2 text-white">
        <p className="text-lg font-semibold">KCC Werkplek · Privacy</p>
        <div className="ml-auto flex items-center gap-3">
          <span className="text-sm" data-testid="user-name">
            {user.name}
          </span>
          <button type="button" className="btn-header" onClick={onLogout}>
            Uitloggen
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 space-y-4 p-4">
        <h1 className="text-xl font-semibold">Verwerkingenlog: inzageverzoek</h1>
        <p className="max-w-3xl text-sm text-slate-800">
          Zoek op BSN welke medewerkers en systemen gegevens van een inwoner hebben gebruikt, wanneer en
          waarvoor. Exporteer het overzicht voor het inzageverzoek. Ook uw eigen zoekacties worden vastgelegd.
        </p>
        <VerwerkingenSearch token={token} />
        <ChainStatusPanel />
        <BewaartermijnenView canRun={false} />
      </main>
    </div>
  );
}
