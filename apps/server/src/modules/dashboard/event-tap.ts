import type { ContactsRepository } from '../contacts/contacts.repository';

/**
 * Tells readers of the event log that rows were appended. The notification runs after the current synchronous
 * work (setImmediate), so a reader only ever sees committed rows, never those of a transaction rolled back.
 */
export class EventTap {
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  /** The same repository; appending an event pokes the listeners. */
  wrap(repo: ContactsRepository): ContactsRepository {
    return {
      ...repo,
      appendEvent: (event) => {
        repo.appendEvent(event);
        this.poke();
      },
      appendAgentEvent: (event) => {
        repo.appendAgentEvent(event);
        this.poke();
      },
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  poke(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}
