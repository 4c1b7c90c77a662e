import { PRESENCE_LABELS, type Presence } from '@kcc/contracts/domain';

/**
 * Why the system changed the agent's status, in words; undefined for the steps of the normal flow (nawerk after
 * registering, beschikbaar when nawerk ends) that the agent expects and sees counting down.
 */
export function systemChangeReason(from: Presence, to: Presence): string | undefined {
  if (from === to) return undefined;
  if (to === 'nawerk' || (from === 'nawerk' && to === 'beschikbaar')) return undefined;
  if (to === 'niet-reagerend')
    return 'U heeft een aanbod niet op tijd aangenomen of geweigerd. Daarom krijgt u nu geen nieuwe contacten.';
  if (to === 'offline')
    return `De verbinding met de server was weg, of de server is opnieuw gestart. Daarom staat uw status niet meer op ${PRESENCE_LABELS[from]} maar op Offline.`;
  return `Uw status is door het systeem gewijzigd van ${PRESENCE_LABELS[from]} naar ${PRESENCE_LABELS[to]}.`;
}
