import { useEffect } from 'react';
import { useConversationActions, useResidentTyping } from '../stores/conversation-store';

/** The resident's widget repeats `typing: true` while typing; without it the indicator goes after this. */
export const TYPING_TIMEOUT_MS = 8000;

export function TypingIndicator({ contactId, name }: { contactId: string; name: string }) {
  const typing = useResidentTyping(contactId);
  const { residentTyping } = useConversationActions();
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => residentTyping(contactId, false), TYPING_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [typing, contactId, residentTyping]);
  return (
    <p data-testid="typing-indicator" aria-live="polite" className="min-h-5 text-sm text-slate-700 italic">
      {typing ? `${name} typt…` : ''}
    </p>
  );
}
