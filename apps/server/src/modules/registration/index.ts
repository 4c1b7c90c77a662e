import type { Store } from '../../store/store';
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
export function createRegistrationRetention(store: Store) {
  const notities = createNawerkNotities(store);
  return { deleteNawerkNotities: (contactIds: readonly string[]) => notities.deleteFor(contactIds) };
}
