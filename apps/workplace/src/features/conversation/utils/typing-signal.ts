export interface TypingSignalOptions {
  /** While typing goes on, `typing: true` is repeated at most this often (the resident's indicator times out). */
  repeatMs?: number;
  /** After this long without a keystroke `typing: false` is sent. */
  idleMs?: number;
}

export interface TypingSignal {
  /** Call on every keystroke that changes the text. */
  input(): void;
  /** The agent sent the message, left the field or the contact: stop at once (only if `true` was sent). */
  stop(): void;
  dispose(): void;
}

/**
 * Throttles the agent's `chat:typing` signal: one `true` when typing starts, repeated at most every `repeatMs`,
 * and one `false` after `idleMs` of silence or on `stop()`. Never two equal signals in a row within `repeatMs`.
 */
export function createTypingSignal(
  send: (typing: boolean) => void,
  { repeatMs = 3000, idleMs = 4000 }: TypingSignalOptions = {},
  now: () => number = Date.now,
): TypingSignal {
  let typing = false;
  let lastSentAt = -Infinity;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    if (!typing) return;
    typing = false;
    send(false);
  };

  return {
    input() {
      const t = now();
      if (!typing || t - lastSentAt >= repeatMs) {
        typing = true;
        lastSentAt = t;
        send(true);
      }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, idleMs);
    },
    stop,
    dispose() {
      clearTimeout(idleTimer);
      idleTimer = undefined;
    },
  };
}
