import { useQueryClient } from '@tanstack/react-query';
import type { Contact } from '@kcc/contracts/domain';
import type { RegistrationResponse } from '@kcc/contracts/rest';
import { ContactHeader } from '../features/contact-workspace/components/contact-header';
import { inboxKeys } from '../features/inbox/api/inbox-keys';
import { KennisbankSuggestions } from '../features/kennisbank/components/kennisbank-suggestions';
import { interneTakenKeys } from '../features/interne-taken/api/interne-taken-keys';
import { klantbeeldOutdated, useKlantbeeld } from '../features/klantbeeld/api/get-klantbeeld';
import { KlantbeeldPanel } from '../features/klantbeeld/components/klantbeeld-panel';
import { presenceKeys } from '../features/presence/api/presence-keys';
import { hasConversation } from '../features/conversation/components/conversation-pane';
import { NawerkPanel } from '../features/presence/components/nawerk-panel';
import { NawerkNotitieField } from '../features/registration/components/nawerk-notitie-field';
import { RegistrationForm } from '../features/registration/components/registration-form';
import { ContactChannel, ContactHandover } from './channel-composition';

/** The open contact: header, hand-over, nawerk, conversation / call / callback, klantbeeld and registration. */
export function ContactWorkspaceView({ contact }: { contact: Contact }) {
  const queryClient = useQueryClient();
  const klantbeeldPartij = useKlantbeeld(contact.id).data?.partij;
  const partij = klantbeeldPartij
    ? { uuid: klantbeeldPartij.uuid, naam: klantbeeldPartij.naam }
    : contact.partijUuid
      ? { uuid: contact.partijUuid, naam: 'gekoppelde klant' }
      : undefined;

  // The server pushes the contact and presence changes too; these refetches cover a missed or late push.
  const onRegistered = (result: RegistrationResponse, afronden: boolean) => {
    void klantbeeldOutdated(queryClient, contact.id);
    if (result.interneTaak) void queryClient.invalidateQueries({ queryKey: interneTakenKeys.all });
    if (afronden) {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.contacts() });
      void queryClient.invalidateQueries({ queryKey: presenceKeys.me() });
    }
  };

  const registration = contact.status !== 'nawerk' && (
    <RegistrationForm
      key={`reg-${contact.id}`}
      contactId={contact.id}
      channel={contact.channel}
      partij={partij}
      registrations={contact.registrations}
      onRegistered={onRegistered}
    />
  );
  // A call or callback has no conversation: its registration takes the main column, beside the klantbeeld.
  const written = hasConversation(contact);

  // Side by side (as Chatwoot's and Flex's agent views): the conversation with its composer always in view on the
  // left, klantbeeld and registration on the right; each column scrolls on its own, the page never does.
  return (
    <div data-testid="contact-workspace" className="flex min-h-0 flex-1 gap-3">
      <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-2">
        <ContactHeader contact={contact} />
        <ContactHandover contact={contact} />
        {contact.status === 'nawerk' && (
          <NawerkPanel>
            <NawerkNotitieField key={contact.id} contactId={contact.id} />
          </NawerkPanel>
        )}
        <div className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto">
          <ContactChannel contact={contact} />
          {!written && registration}
        </div>
      </div>
      <div
        role="region"
        aria-label="Klantbeeld en registratie"
        data-testid="contact-side"
        className="flex w-[28rem] shrink-0 flex-col gap-3 overflow-y-auto"
      >
        {contact.status !== 'nawerk' && (
          <KennisbankSuggestions
            key={`kbs-${contact.id}`}
            subject={contact.subject}
            firstMessage={contact.body}
            channel={contact.channel}
          />
        )}
        <KlantbeeldPanel key={`kb-${contact.id}`} contactId={contact.id} from={contact.from} />
        {written && registration}
      </div>
    </div>
  );
}
