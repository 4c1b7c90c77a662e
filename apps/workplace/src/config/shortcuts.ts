import type { Shortcut } from '../lib/use-hotkey';

/** Every keyboard shortcut of the workplace, in one place: used by the handlers, button titles and the help. */
export const SHORTCUTS = {
  acceptOffer: { code: 'KeyA', alt: true, label: 'Alt+A', description: 'Eerste aanbod accepteren' },
  declineOffer: { code: 'KeyW', alt: true, label: 'Alt+W', description: 'Eerste aanbod weigeren' },
  switchContact: { label: 'Alt+1 … Alt+9', description: 'Naar mijn contact 1 tot en met 9' },
  focusStatus: { code: 'KeyS', alt: true, label: 'Alt+S', description: 'Naar de statuskeuze' },
  focusRegistration: {
    code: 'KeyR',
    alt: true,
    label: 'Alt+R',
    description: 'Naar het registratieformulier',
  },
  focusKlantbeeld: { code: 'KeyK', alt: true, label: 'Alt+K', description: 'Naar het klantbeeld' },
  klantZoeken: {
    code: 'KeyZ',
    alt: true,
    label: 'Alt+Z',
    description: 'Klant opzoeken (BRP, Handelsregister)',
  },
  transfer: { code: 'KeyT', alt: true, label: 'Alt+T', description: 'Open contact doorverbinden' },
  endChat: { code: 'KeyX', alt: true, label: 'Alt+X', description: 'Chat beëindigen' },
  submitAndClose: { label: 'Ctrl+Enter', description: 'Registreren en afronden (in het formulier)' },
  submitKeepOpen: { label: 'Ctrl+Shift+Enter', description: 'Vraag registreren, contact blijft open' },
  nawerkDone: {
    code: 'KeyD',
    alt: true,
    label: 'Alt+D',
    description: 'Weer beschikbaar (na nawerk of een gemist aanbod)',
  },
  interneTaken: { code: 'KeyI', alt: true, label: 'Alt+I', description: 'Naar mijn interne taken' },
  kennisbank: { code: 'KeyK', ctrl: true, label: 'Ctrl+K', description: 'Kennisbank: zoeken (overal)' },
  kennisbankNavigate: {
    label: '↑ ↓ en Enter',
    description: 'Kennisbank: door de resultaten, artikel openen naast het contact',
  },
  kennisbankClose: {
    label: 'Escape',
    description: 'Kennisbank: terug naar resultaten, nog een keer: sluiten',
  },
  help: { label: '? of F1', description: 'Deze hulp bij sneltoetsen openen' },
} as const satisfies Record<string, Partial<Shortcut> & { label: string; description: string }>;

/** Alt+1 … Alt+9: switch to the n-th active contact. */
export const contactShortcut = (index: number): Shortcut => ({ code: `Digit${index + 1}`, alt: true });
