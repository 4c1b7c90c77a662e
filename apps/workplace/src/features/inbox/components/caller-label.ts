import type { ContactFrom } from '@kcc/contracts/domain';

/** The most human way to name who contacts us. */
export function callerLabel(from: ContactFrom): string {
  return from.name ?? from.phone ?? from.email ?? 'Onbekende afzender';
}
