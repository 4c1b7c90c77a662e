import type { ReactNode } from 'react';
import { CHANNEL_LABELS } from '@kcc/contracts/domain';
import { ChannelIcon } from '../../../components/channel-icon';
import { contactShortcut } from '../../../config/shortcuts';
import { useHotkey } from '../../../lib/use-hotkey';
import { useMyContacts } from '../api/get-my-contacts';
import { useOpenContact } from '../hooks/use-open-contact';
import { useInboxActions } from '../stores/inbox-store';
import { callerLabel } from './caller-label';

const SHORTCUT_SLOTS = [0, 1, 2, 3, 4, 5, 6, 7, 8];

function ContactSwitchHotkey({ index, onSwitch }: { index: number; onSwitch: (index: number) => boolean }) {
  useHotkey(contactShortcut(index), () => onSwitch(index));
  return null;
}

/**
 * "Mijn contacten": several at once, switchable with a click or Alt+1..9. `badge` lets the app add a marker per
 * contact (e.g. unread chat messages) without this feature knowing about it.
 */
export function ActiveContactList({ badge }: { badge?: (contactId: string) => ReactNode } = {}) {
  const { data: contacts = [] } = useMyContacts();
  const open = useOpenContact();
  const { contactOpened } = useInboxActions();

  const switchTo = (index: number): boolean => {
    const contact = contacts[index];
    if (!contact) return false;
    contactOpened(contact.id);
    return true;
  };

  return (
    <nav aria-labelledby="contacts-title" className="space-y-2">
      {SHORTCUT_SLOTS.map((index) => (
        <ContactSwitchHotkey key={index} index={index} onSwitch={switchTo} />
      ))}
      <h2 id="contacts-title" className="section-title">
        Mijn contacten <span className="count">{contacts.length}</span>
      </h2>
      {contacts.length === 0 ? (
        <p className="text-sm text-slate-700">U heeft nu geen contacten open.</p>
      ) : (
        <ul className="space-y-1">
          {contacts.map((contact, index) => {
            const current = contact.id === open?.id;
            return (
              <li key={contact.id}>
                <button
                  type="button"
                  data-testid="active-contact"
                  data-contact-id={contact.id}
                  aria-current={current ? 'true' : undefined}
                  title={index < 9 ? `Open dit contact (Alt+${index + 1})` : 'Open dit contact'}
                  aria-keyshortcuts={index < 9 ? `Alt+${index + 1}` : undefined}
                  onClick={() => contactOpened(contact.id)}
                  className={`flex w-full items-start gap-2 rounded-md border px-2 py-2 text-left text-sm ${
                    current ? 'border-blue-700 bg-blue-50' : 'border-slate-300 bg-white hover:bg-slate-50'
                  }`}
                >
                  <ChannelIcon channel={contact.channel} className="mt-0.5 h-4 w-4 shrink-0 text-blue-800" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-slate-900">
                      {callerLabel(contact.from)}
                    </span>
                    <span className="block truncate text-slate-700">
                      {CHANNEL_LABELS[contact.channel]}
                      {contact.subject ? ` · ${contact.subject}` : ''}
                    </span>
                  </span>
                  <span className="flex shrink-0 flex-col items-end gap-1">
                    {index < 9 && <kbd className="kbd">Alt+{index + 1}</kbd>}
                    {badge?.(contact.id)}
                    {contact.status === 'nawerk' && (
                      <span className="rounded bg-blue-800 px-1.5 text-xs font-semibold text-white">
                        Nawerk
                      </span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
