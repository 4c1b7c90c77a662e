import { useState } from 'react';
import type { TransferResponse } from '@kcc/contracts/channels';
import type { Contact } from '@kcc/contracts/domain';
import { SHORTCUTS } from '../../../config/shortcuts';
import { useHotkey } from '../../../lib/use-hotkey';
import { useHandoverActions } from '../stores/handover-store';
import { CallbackDialog } from './callback-dialog';
import { ConsultDialog } from './consult-dialog';
import { TransferDialog } from './transfer-dialog';

interface HandoverActionsProps {
  contact: Contact;
  /** Best known phone number for a callback. */
  phone: string | undefined;
  getDraft: () => Record<string, unknown> | undefined;
  onTransferred: (result: TransferResponse) => void;
}

/** "Doorverbinden", "Overleggen met collega", "Terugbelverzoek maken" for the open contact. */
export function HandoverActions({ contact, phone, getDraft, onTransferred }: HandoverActionsProps) {
  const [open, setOpen] = useState<'transfer' | 'consult' | 'callback' | null>(null);
  const [status, setStatus] = useState('');
  const { noticeAdded } = useHandoverActions();
  const close = () => setOpen(null);
  const canTransfer = contact.status === 'assigned';
  useHotkey(SHORTCUTS.transfer, () => {
    if (!canTransfer || open !== null) return false;
    setOpen('transfer');
  });

  return (
    <div data-testid="handover-actions" className="flex flex-wrap items-center gap-2">
      {canTransfer && (
        <button
          type="button"
          className="btn-secondary"
          title={`Doorverbinden (${SHORTCUTS.transfer.label})`}
          aria-keyshortcuts="Alt+T"
          onClick={() => setOpen('transfer')}
        >
          Doorverbinden
        </button>
      )}
      <button type="button" className="btn-secondary" onClick={() => setOpen('consult')}>
        Overleggen met collega
      </button>
      <button type="button" className="btn-secondary" onClick={() => setOpen('callback')}>
        Terugbelverzoek maken
      </button>
      <p role="status" className="text-sm text-slate-900">
        {status}
      </p>
      {open === 'transfer' && (
        <TransferDialog
          contact={contact}
          getDraft={getDraft}
          onClose={close}
          onTransferred={(result, targetName) => {
            close();
            // The contact leaves this workspace: the confirmation goes to the shell's notices.
            noticeAdded(`Contact doorverbonden naar ${targetName}.`);
            onTransferred(result);
          }}
        />
      )}
      {open === 'consult' && (
        <ConsultDialog
          contact={contact}
          onClose={close}
          onSent={(name) => {
            close();
            setStatus(`Vraag verstuurd aan ${name}. U ziet het antwoord links bij Overleg.`);
          }}
        />
      )}
      {open === 'callback' && (
        <CallbackDialog
          contact={contact}
          phone={phone}
          onClose={close}
          onCreated={(text) => {
            close();
            setStatus(text);
          }}
        />
      )}
    </div>
  );
}
