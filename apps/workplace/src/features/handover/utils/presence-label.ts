import { PRESENCE_LABELS, type Presence } from '@kcc/contracts/domain';

/** "Bram Jansen (Beschikbaar)": colleagues who can take a contact now come first. */
export function colleagueOptionLabel(name: string, presence: Presence): string {
  return `${name} (${PRESENCE_LABELS[presence]})`;
}

export function byAvailability<T extends { presence: Presence; name: string }>(a: T, b: T): number {
  const rank = (p: Presence) => (p === 'beschikbaar' ? 0 : p === 'nawerk' ? 1 : 2);
  return rank(a.presence) - rank(b.presence) || a.name.localeCompare(b.name, 'nl');
}
