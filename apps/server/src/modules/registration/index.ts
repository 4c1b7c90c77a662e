import type { Db } from '../../store/db';
import { createNawerkNotities } from './nawerk-notities';

export { createIdempotencyStore } from './idempotency';
export { registerRegistrationRoutes } from './registration.routes';
export {
  createNawerkNotities,
  registerNawerkRoutes,
  withNawerkNotities,
  type NawerkNotities,
} from './nawerk-notities';

/** Retention: the nawerk notes go with the contact's other content. */
export function createRegistrationRetention(db: Db) {
  const notities = createNawerkNotities(db);
  return { deleteNawerkNotities: (contactIds: readonly string[]) => notities.deleteFor(contactIds) };
}
