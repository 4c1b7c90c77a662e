import { useEffect, useState } from 'react';
import type { LoginResponse } from '@kcc/contracts/rest';
import { useMyContacts } from '../features/inbox/api/get-my-contacts';
import { useOffers } from '../features/inbox/api/get-offers';
import { conversationActions } from '../features/conversation/stores/conversation-store';
import { UnreadBadge } from '../features/conversation/components/unread-badge';
import { HandoverInbox } from '../features/handover/components/handover-inbox';
import { ActiveContactList } from '../features/inbox/components/active-contact-list';
import { OfferAlertSettingsButton } from '../features/inbox/components/offer-alert-settings';
import { OfferList } from '../features/inbox/components/offer-list';
import { useOfferAlert } from '../features/inbox/hooks/use-offer-alert';
import { useOpenContact } from '../features/inbox/hooks/use-open-contact';
import { InterneTakenList } from '../features/interne-taken/components/interne-taken-list';
import { useMe } from '../features/presence/api/get-me';
import { useQueueWaiting } from '../features/presence/api/get-queue-waiting';
import { NawerkPanel } from '../features/presence/components/nawerk-panel';
import { PresenceChangeNotice } from '../features/presence/components/presence-change-notice';
import { StatusSelect } from '../features/presence/components/status-select';
import { WaitingCounts } from '../features/presence/components/waiting-counts';
import { Werkberichten } from '../features/nieuws/components/werkberichten';
import { NawerkNotitieField } from '../features/registration/components/nawerk-notitie-field';
import { registrationDraftActions } from '../features/registration/stores/registration-drafts-store';
import { describeError } from '../lib/api-client';
import { setTrayWaiting } from '../lib/ipc';
import { useSocketConnected } from '../lib/socket-context';
import { ContactWorkspaceView } from './contact-workspace-view';
import { AgentKennisbankPane, KennisbankButton, useKennisbankShortcut } from './kennisbank-composition';
import { KlantZoekenButton, KlantZoekenSlot } from './klant-zoeken-composition';
import { ShortcutHelp } from './shortcut-help';

interface ShellProps {
  user: LoginResponse['user'];
  onLogout: () => void;
}

export function Shell({ user, onLogout }: ShellProps) {
  const me = useMe();
  const offers = useOffers();
  const contacts = useMyContacts();
  const waiting = useQueueWaiting();
  const openContact = useOpenContact();
  // Nawerk with no contact open: the notes go with the contact in nawerk.
  const nawerkContact = contacts.data?.find((c) => c.status === 'nawerk');
  const connected = useSocketConnected();
  const [everConnected, setEverConnected] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  useKennisbankShortcut();
  useOfferAlert(offers.data);

  if (connected && !everConnected) setEverConnected(true);

  const waitingTotal = waiting.data?.reduce((sum, q) => sum + q.waiting, 0);
  useEffect(() => {
    if (waitingTotal !== undefined) setTrayWaiting(waitingTotal);
  }, [waitingTotal]);

  useEffect(() => {
    if (!contacts.data) return;
    const ids = contacts.data.map((c) => c.id);
    registrationDraftActions.contactsLeft(ids);
    conversationActions.contactsLeft(ids);
  }, [contacts.data]);

  // e2e tests wait for this marker: data loaded and the push channel open.
  const appState = me.isError
    ? 'error'
    : me.isSuccess && offers.isSuccess && contacts.isSuccess && everConnected
      ? 'ready'
      : 'loading';

  // One screen, no page scroll (also at 1366×768): the header is one row and every column scrolls on its own.
  return (
    <div data-app-state={appState} className="flex h-screen flex-col overflow-hidden">
      <a href="#main" className="skip-link">
        Naar hoofdinhoud
      </a>
      <header className="app-header flex flex-nowrap items-center gap-x-4 bg-blue-800 px-3 py-1.5 text-white">
        <p className="shrink-0 font-semibold whitespace-nowrap">KCC Werkplek</p>
        <StatusSelect />
        <WaitingCounts />
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <span className="truncate text-sm" data-testid="user-name">
            {me.data?.user.name ?? user.name}
          </span>
          <KlantZoekenButton />
          <KennisbankButton />
          <OfferAlertSettingsButton />
          <button
            type="button"
            className="btn-header whitespace-nowrap"
            onClick={() => setHelpOpen(true)}
            title="Sneltoetsen (? of F1)"
          >
            Sneltoetsen
          </button>
          <button type="button" className="btn-header whitespace-nowrap" onClick={onLogout}>
            Uitloggen
          </button>
        </div>
      </header>
      {everConnected && !connected && (
        <p
          role="status"
          className="bg-amber-100 px-4 py-1.5 text-sm text-amber-950"
          data-testid="connection-lost"
        >
          Verbinding met de server is weg. We proberen opnieuw te verbinden…
        </p>
      )}
      <PresenceChangeNotice />
      <div className="relative flex min-h-0 flex-1">
        <aside
          aria-label="Inbox"
          className="w-64 shrink-0 space-y-5 overflow-y-auto border-r border-slate-300 bg-slate-50 p-3"
        >
          <OfferList />
          <ActiveContactList badge={(contactId) => <UnreadBadge contactId={contactId} />} />
          <HandoverInbox />
          <InterneTakenList />
          <Werkberichten />
        </aside>
        <main id="main" tabIndex={-1} className="relative flex min-h-0 min-w-0 flex-1 flex-col p-3">
          <h1 className="sr-only">Werkplek van {user.name}</h1>
          <KlantZoekenSlot contact={openContact} />
          {me.isError ? (
            <div role="alert" className="panel space-y-2">
              <p>De werkplek kon niet laden. {describeError(me.error)}</p>
              <button type="button" className="btn-primary" onClick={() => void me.refetch()}>
                Opnieuw proberen
              </button>
            </div>
          ) : openContact ? (
            <ContactWorkspaceView contact={openContact} />
          ) : me.data?.state.presence === 'nawerk' ? (
            <NawerkPanel>
              {nawerkContact && <NawerkNotitieField key={nawerkContact.id} contactId={nawerkContact.id} />}
            </NawerkPanel>
          ) : (
            <div className="panel text-slate-800">
              <h2 className="panel-title">Geen contact geopend</h2>
              <p className="mt-1">
                Nieuwe contacten verschijnen links onder Aanbod. Zet uw status op Beschikbaar om contacten te
                krijgen. Druk op <kbd className="kbd">?</kbd> voor sneltoetsen.
              </p>
            </div>
          )}
        </main>
        <AgentKennisbankPane contact={openContact} />
      </div>
      <ShortcutHelp open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}
