import type { Store } from '../../store/store';
import { ReportRegistrations } from './report-registrations';

/** The reports' part of the bewaartermijnen: a registration forgets its partij (it still counts). */
export function createReportsRetention(store: Store): {
  forgetPartij(contactIds: readonly string[]): Promise<number>;
} {
  const registrations = new ReportRegistrations(store);
  return { forgetPartij: (contactIds) => registrations.forgetPartij(contactIds) };
}
