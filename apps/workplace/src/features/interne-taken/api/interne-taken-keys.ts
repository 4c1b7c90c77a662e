import type { InterneTakenLijst } from '@kcc/contracts/interne-taken';

export const interneTakenKeys = {
  all: ['interne-taken'] as const,
  lijst: (lijst: InterneTakenLijst) => [...interneTakenKeys.all, 'lijst', lijst] as const,
  taak: (uuid: string) => [...interneTakenKeys.all, 'taak', uuid] as const,
};
