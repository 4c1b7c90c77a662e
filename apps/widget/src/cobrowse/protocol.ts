import type {
  CobrowseInvite,
  CobrowseResidentClientToServerEvents,
  CobrowseResidentServerToClientEvents,
} from '@kcc/contracts/cobrowse';

/**
 * Co-browse event names and codes as plain values: importing them from `@kcc/contracts/cobrowse` would pull zod
 * into the widget. `protocol.test.ts` checks them against the contract.
 */
export const COBROWSE_NAMESPACE = '/cobrowse';
export const COBROWSE_PART_MAX_CHARS = 30_000;
export const COBROWSE_CHUNK_PATH = '/widget-cobrowse.js';
/** The chunk announces itself with this DOM event (no global). */
export const COBROWSE_READY_EVENT = 'kcc-cobrowse-ready';

export const COBROWSE_CLIENT_EVENTS = {
  code: 'cobrowse:code',
  join: 'cobrowse:join',
  consent: 'cobrowse:consent',
  controlConsent: 'cobrowse:control-consent',
  events: 'cobrowse:events',
  end: 'cobrowse:end',
} as const satisfies Record<string, keyof CobrowseResidentClientToServerEvents>;

export const COBROWSE_SERVER_EVENTS = {
  invite: 'cobrowse:invite',
  state: 'cobrowse:state',
  pointer: 'cobrowse:pointer',
  input: 'cobrowse:input',
  resync: 'cobrowse:resync',
} as const satisfies Record<string, keyof CobrowseResidentServerToClientEvents>;

/** What the widget keeps in sessionStorage so the next page of the site resumes the session. */
export interface StoredCobrowse extends CobrowseInvite {
  consented: boolean;
}

export function isInvite(value: unknown): value is CobrowseInvite {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.sessionId === 'string' && typeof v.token === 'string' && typeof v.agentName === 'string';
}

export const storeKey = (serverUrl: string) => `kcc-cobrowse:${serverUrl}`;

export function readStored(storage: Storage | null, serverUrl: string): StoredCobrowse | null {
  try {
    const raw = storage?.getItem(storeKey(serverUrl));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isInvite(parsed) && typeof (parsed as StoredCobrowse).consented === 'boolean'
      ? (parsed as StoredCobrowse)
      : null;
  } catch {
    return null;
  }
}

export function writeStored(storage: Storage | null, serverUrl: string, value: StoredCobrowse | null): void {
  try {
    if (value) storage?.setItem(storeKey(serverUrl), JSON.stringify(value));
    else storage?.removeItem(storeKey(serverUrl));
  } catch {
    // Without sessionStorage the session simply does not follow to the next page.
  }
}
