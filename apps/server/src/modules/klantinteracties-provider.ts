import { canonicalPhone, createKlantinteracties, klantinteractiesMigrations } from './klantinteracties/index';
import type { KlantinteractiesProvider } from './klantinteracties-module';

/** The embedded Klantinteracties store (SQLite). */
export const embeddedKlantinteracties: KlantinteractiesProvider = {
  migrations: klantinteractiesMigrations,
  create: createKlantinteracties,
  // Numbers the canonical form cannot express are kept as given; recognition then simply finds no match.
  normalisePhone: (phone) => canonicalPhone(phone) ?? phone,
};
