import type { QueryClient } from '@tanstack/react-query';
import type { Contact } from '@kcc/contracts/domain';
import { SHORTCUTS } from '../config/shortcuts';
import { kennisbankKeys } from '../features/kennisbank/api/kennisbank-keys';
import { KennisbankPane } from '../features/kennisbank/components/kennisbank-pane';
import {
  kennisbankPaneActions,
  useKennisbankPaneOpen,
} from '../features/kennisbank/stores/kennisbank-pane-store';
import { conversationActions } from '../features/conversation/stores/conversation-store';
import { hasConversation } from '../features/conversation/components/conversation-pane';
import { articleUse } from '../features/kennisbank/utils/article-use';
import { nieuwsKeys } from '../features/nieuws/api/nieuws-keys';
import { registrationDraftActions } from '../features/registration/stores/registration-drafts-store';
import { useHotkey } from '../lib/use-hotkey';

/** Ctrl+K anywhere (also inside a text field): open the kennisbank on its search field. */
export function useKennisbankShortcut() {
  useHotkey(SHORTCUTS.kennisbank, () => kennisbankPaneActions.searchRequested());
}

export function KennisbankButton() {
  const open = useKennisbankPaneOpen();
  return (
    <button
      type="button"
      className="btn-header"
      aria-expanded={open}
      aria-keyshortcuts="Control+K"
      onClick={() => (open ? kennisbankPaneActions.paneClosed() : kennisbankPaneActions.searchRequested())}
    >
      Kennisbank ({SHORTCUTS.kennisbank.label})
    </button>
  );
}

function contactLabel(contact: Contact): string {
  return contact.from.name ?? contact.from.phone ?? contact.from.email ?? 'dit contact';
}

/**
 * The pane over the right-hand column of the workspace (its 28rem plus the workspace's padding), so neither its
 * result list nor the conversation is squeezed, and a call's registration in the main column stays in view.
 * "Gebruik in antwoord" goes into that contact's registration draft (answer, bronnen, kanaalsturing) and, for a
 * chat / e-mail / webformulier contact, into the reply composer as well.
 */
export function AgentKennisbankPane({ contact }: { contact?: Contact }) {
  const canAnswer = contact && contact.status !== 'nawerk';
  return (
    <KennisbankPane
      className="absolute inset-y-0 right-0 z-30 w-[28.75rem] max-w-full shadow-xl"
      {...(contact ? { channel: contact.channel } : {})}
      useInAnswer={
        canAnswer
          ? {
              target: contactLabel(contact),
              onUse: (article) => {
                const used = articleUse(article);
                registrationDraftActions.articleUsed(contact.id, contact.channel, used);
                if (hasConversation(contact)) conversationActions.textInserted(contact.id, used.answer);
              },
            }
          : undefined
      }
    />
  );
}

/** After a beheer change: searches, articles and werkberichten refetch, so the change is visible at once. */
export function kennisbankContentChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: kennisbankKeys.all });
  void queryClient.invalidateQueries({ queryKey: nieuwsKeys.all });
}
