import { useState } from 'react';
import type { Contact } from '@kcc/contracts/domain';
import type {
  KlantbeeldDoelkeuze,
  KlantbeeldTarget,
} from '../features/klantbeeld/api/get-register-klantbeeld';
import { RegisterKlantbeeld } from '../features/klantbeeld/components/register-klantbeeld';
import { SHORTCUTS } from '../config/shortcuts';
import { KlantZoeken } from '../features/klantzoeken/components/klant-zoeken';
import { klantZoekenActions, useKlantZoekenOpen } from '../features/klantzoeken/stores/klant-zoeken-store';
import { useHotkey } from '../lib/use-hotkey';

/** Header button: open "Klant opzoeken" (search the BRP / Handelsregister with a purpose). */
export function KlantZoekenButton() {
  const open = useKlantZoekenOpen();
  useHotkey(SHORTCUTS.klantZoeken, () => {
    if (open) return false;
    klantZoekenActions.opened();
  });
  return (
    <button
      type="button"
      className="btn-header"
      aria-expanded={open}
      aria-keyshortcuts="Alt+Z"
      title={`Klant opzoeken (${SHORTCUTS.klantZoeken.label})`}
      onClick={() => (open ? klantZoekenActions.closed() : klantZoekenActions.opened())}
    >
      Klant opzoeken
    </button>
  );
}

/**
 * Over the workspace while open (it keeps its own scroll; the contact stays as it was underneath): the search form and, once a result is chosen, its klantbeeld beside it. The
 * open contact (if any) is the purpose; a new contact starts a new search.
 */
export function KlantZoekenSlot({ contact }: { contact?: Contact }) {
  const open = useKlantZoekenOpen();
  if (!open) return null;
  return <KlantZoekenWithKlantbeeld key={contact?.id ?? 'zonder-contact'} contact={contact} />;
}

/** One opening of a klantbeeld; `at` makes opening the same klant again a new (logged) read. */
type Opening = { target: KlantbeeldTarget; doel: KlantbeeldDoelkeuze; at: number };

function KlantZoekenWithKlantbeeld({ contact }: { contact?: Contact }) {
  const [opened, setOpened] = useState<Opening>();
  // The server accepts only a contact the agent still holds (assigned or in nawerk) as the purpose.
  const held = contact && (contact.status === 'assigned' || contact.status === 'nawerk');
  const label = contact
    ? (contact.from.name ?? contact.from.phone ?? contact.from.email ?? 'dit contact')
    : '';
  return (
    <div
      data-testid="klant-zoeken-layer"
      className="absolute inset-0 z-20 grid grid-cols-1 items-start gap-4 overflow-y-auto bg-slate-100 p-3 xl:grid-cols-2"
    >
      <KlantZoeken
        contact={held ? { id: contact.id, label } : undefined}
        onOpen={(target, doel) => setOpened({ target, doel, at: Date.now() })}
        onClose={klantZoekenActions.closed}
      />
      {opened && (
        <RegisterKlantbeeld
          key={opened.at}
          target={opened.target}
          doel={opened.doel}
          onClose={() => setOpened(undefined)}
        />
      )}
    </div>
  );
}
