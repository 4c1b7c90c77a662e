import type { RetentionKind } from '@kcc/contracts/bewaartermijnen';

export const KIND_LABELS: Record<RetentionKind, { name: string; what: string; unit: string }> = {
  contacten: {
    name: 'Contacten',
    what: 'Wie het was en waar het over ging. Het contact zelf blijft mee tellen in de cijfers.',
    unit: 'contacten',
  },
  transcripten: {
    name: 'Gesprekken',
    what: 'De tekst van chats, e-mails en webformulieren.',
    unit: 'contacten',
  },
  bijlagen: {
    name: 'Bijlagen',
    what: 'Bijlagen bij e-mails, zoals kopieën van documenten.',
    unit: 'contacten',
  },
  verwerkingenlog: {
    name: 'Verwerkingenlog',
    what: 'De oudste regels van het log. Het log blijft controleerbaar.',
    unit: 'logregels',
  },
};

const UNITS: Record<string, [string, string]> = {
  Y: ['jaar', 'jaar'],
  M: ['maand', 'maanden'],
  W: ['week', 'weken'],
  D: ['dag', 'dagen'],
};

/** An ISO 8601 term in plain Dutch: P1Y → "1 jaar", P1Y6M → "1 jaar en 6 maanden". */
export function termText(term: string): string {
  const parts = [...term.matchAll(/(\d+)([YMWD])/g)].map(([, n, unit]) => {
    const [one, many] = UNITS[unit!]!;
    return `${n} ${Number(n) === 1 ? one : many}`;
  });
  return parts.length === 0 ? term : parts.join(' en ');
}
