/**
 * Keeps the resume token (and the messages shown so far) in sessionStorage, so a page reload or a navigation
 * within the municipality's site continues the same chat. sessionStorage is per tab and cleared when the tab
 * closes, which is what a resident expects of a chat on a public computer.
 */

export interface StoredMessage {
  from: 'inwoner' | 'medewerker' | 'systeem';
  name?: string;
  text: string;
  at: string;
}

export interface StoredConversation {
  conversationId: string;
  resumeToken: string;
  agentName?: string;
  messages: StoredMessage[];
}

/** Enough history to redraw the conversation without filling the storage quota. */
export const MAX_STORED_MESSAGES = 200;

export interface ResumeStore {
  load(): StoredConversation | null;
  save(conversation: StoredConversation): void;
  clear(): void;
}

export function createResumeStore(storage: Storage | null, key: string): ResumeStore {
  return {
    load() {
      const raw = safely(() => storage?.getItem(key) ?? null, null);
      if (!raw) return null;
      const parsed = safely<unknown>(() => JSON.parse(raw), null);
      if (!isStoredConversation(parsed)) {
        safely(() => storage?.removeItem(key), undefined);
        return null;
      }
      return parsed;
    },
    save(conversation) {
      const trimmed = { ...conversation, messages: conversation.messages.slice(-MAX_STORED_MESSAGES) };
      safely(() => storage?.setItem(key, JSON.stringify(trimmed)), undefined);
    },
    clear() {
      safely(() => storage?.removeItem(key), undefined);
    },
  };
}

/** sessionStorage may be missing or throw (privacy modes, sandboxed iframes); the chat still works without it. */
export function sessionStorageOrNull(): Storage | null {
  return safely(() => window.sessionStorage, null);
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function isStoredConversation(value: unknown): value is StoredConversation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.conversationId === 'string' &&
    typeof v.resumeToken === 'string' &&
    v.resumeToken.length > 0 &&
    Array.isArray(v.messages) &&
    v.messages.every(
      (m) =>
        typeof m === 'object' &&
        m !== null &&
        typeof (m as StoredMessage).text === 'string' &&
        typeof (m as StoredMessage).at === 'string' &&
        ['inwoner', 'medewerker', 'systeem'].includes((m as StoredMessage).from),
    )
  );
}
