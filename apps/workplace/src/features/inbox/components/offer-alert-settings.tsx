import { useId, useState } from 'react';
import { ModalDialog } from '../../../components/modal-dialog';
import {
  OFFER_SOUND_LABELS,
  OFFER_SOUNDS,
  offerAlertActions,
  useOfferSound,
} from '../stores/offer-alert-store';
import { playOfferSound } from '../utils/offer-sound';
import { browserNotificationsSupported } from './notification-permission-prompt';

function notificationStatus(): string {
  if (!browserNotificationsSupported())
    return 'De werkplek-app toont zelf een melding als het venster niet voorop staat.';
  if (Notification.permission === 'granted') return 'Meldingen van de browser staan aan.';
  if (Notification.permission === 'denied')
    return 'Meldingen van de browser staan uit. U zet ze aan in de instellingen van de browser (het slotje naast het adres).';
  return 'Meldingen van de browser staan nog niet aan.';
}

/** "Meldingen": which sound rings for a new offer, and whether browser notifications are on. */
export function OfferAlertSettingsButton() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const sound = useOfferSound();
  const [status, setStatus] = useState(notificationStatus);

  return (
    <>
      <button type="button" className="btn-header" onClick={() => setOpen(true)}>
        Meldingen
      </button>
      {open && (
        <ModalDialog
          title="Meldingen bij nieuw aanbod"
          description="Een nieuw contact laat een geluid horen, zet het aantal in de titel van het venster en toont een melding."
          onClose={() => setOpen(false)}
          testId="offer-alert-settings"
        >
          <div className="space-y-4">
            <div className="space-y-1">
              <label htmlFor={`${id}-sound`} className="block font-medium">
                Geluid
              </label>
              <div className="flex gap-2">
                <select
                  id={`${id}-sound`}
                  className="field"
                  value={sound}
                  onChange={(event) => {
                    const chosen = OFFER_SOUNDS.find((s) => s === event.target.value);
                    if (chosen) offerAlertActions.soundChosen(chosen);
                  }}
                >
                  {OFFER_SOUNDS.map((value) => (
                    <option key={value} value={value}>
                      {OFFER_SOUND_LABELS[value]}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="btn-secondary shrink-0"
                  disabled={sound === 'uit'}
                  onClick={() => playOfferSound(sound)}
                >
                  Laten horen
                </button>
              </div>
            </div>
            <div className="space-y-2">
              <p className="font-medium">Melding van de browser</p>
              <p className="text-sm text-slate-700" data-testid="notification-status">
                {status}
              </p>
              {browserNotificationsSupported() && Notification.permission === 'default' && (
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => {
                    offerAlertActions.notificationsAnswered();
                    void Notification.requestPermission().then(() => setStatus(notificationStatus()));
                  }}
                >
                  Meldingen aanzetten
                </button>
              )}
            </div>
            <div className="text-right">
              <button type="button" className="btn-primary" onClick={() => setOpen(false)}>
                Sluiten
              </button>
            </div>
          </div>
        </ModalDialog>
      )}
    </>
  );
}
