import { useQueryClient } from '@tanstack/react-query';
import type { DraftView } from '@kcc/contracts/channels';
import type { Contact } from '@kcc/contracts/domain';
import { useSession } from '../features/auth/stores/session-store';
import { CobrowsePane } from '../features/cobrowse/components/cobrowse-pane';
import { CallEndedNotice } from '../features/conversation/components/call-ended-notice';
import { ConversationPane, hasConversation } from '../features/conversation/components/conversation-pane';
import { useContactContext } from '../features/handover/api/get-contact-context';
import { CallbackDetails } from '../features/handover/components/callback-details';
import { HandoverActions } from '../features/handover/components/handover-actions';
import { TransferBanner } from '../features/handover/components/transfer-banner';
import { inboxKeys } from '../features/inbox/api/inbox-keys';
import { useKlantbeeld } from '../features/klantbeeld/api/get-klantbeeld';
import { useMe } from '../features/presence/api/get-me';
import { presenceKeys } from '../features/presence/api/presence-keys';
import { useQuickReplies } from '../features/quick-replies/api/get-quick-replies';
import { useAppDependencies } from './provider';
import {
  registrationDraftActions,
  useRegistrationDraft,
  type DraftField,
  type RegistrationDraft,
} from '../features/registration/stores/registration-drafts-store';

const TEXT_FIELDS = [
  'onderwerp',
  'inhoud',
  'reactie',
  'gespreksresultaat',
  'afdeling',
  'gevraagdeHandeling',
  'toelichting',
] as const satisfies readonly DraftField[];

/** The registration draft as it travels with a transfer; undefined when nothing was typed yet. */
export function draftForHandover(draft: RegistrationDraft): Record<string, unknown> | undefined {
  const { pendingKey: _notShared, ...rest } = draft;
  const typed =
    TEXT_FIELDS.some((f) => draft[f].trim() !== '') || draft.bronnen.length > 0 || draft.interneTaak;
  return typed ? rest : undefined;
}

/** A colleague's draft → a patch of my draft (only the known fields with the right type). */
export function draftPatchFrom(draft: DraftView['draft']): Partial<Pick<RegistrationDraft, DraftField>> {
  const patch: Partial<Pick<RegistrationDraft, DraftField>> = {};
  for (const field of TEXT_FIELDS) {
    const value = draft[field];
    if (typeof value === 'string' && value.trim() !== '') patch[field] = value;
  }
  if (typeof draft.interneTaak === 'boolean') patch.interneTaak = draft.interneTaak;
  return patch;
}

/** Hand-over toolbar and banner above the open contact. */
export function ContactHandover({ contact }: { contact: Contact }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const draft = useRegistrationDraft(contact.id, contact.channel);
  const partij = useKlantbeeld(contact.id).data?.partij;
  const partijPhone = partij?.digitaleAdressen.find((a) => a.soortDigitaalAdres === 'telefoonnummer')?.adres;
  const phone = contact.from.phone ?? partijPhone;
  const holds = contact.status === 'assigned' || contact.status === 'nawerk';

  return (
    <>
      {holds && (
        <HandoverActions
          contact={contact}
          phone={phone}
          getDraft={() => draftForHandover(draft)}
          onTransferred={() => {
            void queryClient.invalidateQueries({ queryKey: inboxKeys.contacts() });
            void queryClient.invalidateQueries({ queryKey: presenceKeys.me() });
          }}
        />
      )}
      <TransferBanner
        contactId={contact.id}
        currentUserId={me.data?.user.id}
        onAdoptDraft={(colleagueDraft) => {
          registrationDraftActions.draftEdited(contact.id, contact.channel, draftPatchFrom(colleagueDraft));
          // An onderwerp the colleague picked from the list stays picked.
          const { onderwerp, onderwerpId } = colleagueDraft;
          if (typeof onderwerp === 'string' && typeof onderwerpId === 'string' && onderwerp.trim() !== '')
            registrationDraftActions.onderwerpEdited(contact.id, contact.channel, { onderwerp, onderwerpId });
        }}
      />
    </>
  );
}

/** The channel part of the open contact: conversation, call ended, or the callback request. */
export function ContactChannel({ contact }: { contact: Contact }) {
  const session = useSession();
  const quickReplies = useQuickReplies().data;
  const context = useContactContext(contact.id);
  const { serverUrl } = useAppDependencies();
  const cobrowse =
    (contact.channel === 'chat' || contact.channel === 'telefoon') &&
    contact.status === 'assigned' &&
    session?.token;
  return (
    <>
      {contact.channel === 'telefoon' && <CallEndedNotice contact={contact} />}
      {contact.channel === 'terugbelverzoek' && (
        <CallbackDetails contactId={contact.id} canRegister={contact.status === 'assigned'} />
      )}
      {hasConversation(contact) && (
        <ConversationPane
          key={`conv-${contact.id}`}
          contact={contact}
          quickReplies={quickReplies ?? []}
          token={session?.token}
          chatEndedBefore={context.data?.chat?.ended ?? false}
        />
      )}
      {cobrowse && (
        <CobrowsePane
          key={`cobrowse-${contact.id}`}
          contact={contact}
          serverUrl={serverUrl}
          token={cobrowse}
        />
      )}
    </>
  );
}
