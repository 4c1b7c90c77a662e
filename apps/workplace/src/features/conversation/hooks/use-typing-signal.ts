import { useEffect, useMemo } from 'react';
import { useAgentSocket } from '../../../lib/socket-context';
import { createTypingSignal, type TypingSignal } from '../utils/typing-signal';

/** `chat:typing` for one chat, throttled; stops (typing: false) when the contact closes or changes. */
export function useTypingSignal(contactId: string, enabled: boolean): TypingSignal {
  const socket = useAgentSocket();
  const signal = useMemo(
    () =>
      createTypingSignal((typing) => {
        if (!enabled || !socket) return;
        // Fire and forget: a lost typing signal only hides the indicator a little early.
        void socket.command('chat:typing', { contactId, typing });
      }),
    [socket, contactId, enabled],
  );
  useEffect(
    () => () => {
      signal.stop();
      signal.dispose();
    },
    [signal],
  );
  return signal;
}
