import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../config/shortcuts';
import { isTypingTarget } from '../lib/use-hotkey';

interface ShortcutHelpProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** `?` (outside text fields) or F1 opens the list of shortcuts; Escape closes it and focus returns. */
export function ShortcutHelp({ open, onOpenChange }: ShortcutHelpProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        event.key === 'F1' ||
        (event.key === '?' && !event.ctrlKey && !event.altKey && !isTypingTarget(event.target))
      ) {
        event.preventDefault();
        onOpenChange(true);
      } else if (open && event.key === 'Escape') {
        event.preventDefault();
        onOpenChange(false);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open, onOpenChange]);

  useEffect(() => {
    if (open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      closeRef.current?.focus();
    } else {
      returnFocus.current?.focus();
      returnFocus.current = null;
    }
  }, [open]);

  if (!open) return null;
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/50 p-4">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcut-help"
        className="w-full max-w-lg rounded-lg bg-white p-5 shadow-xl"
        onKeyDown={(event) => {
          // The close button is the only control: keep Tab inside the dialog.
          if (event.key === 'Tab') {
            event.preventDefault();
            closeRef.current?.focus();
          }
        }}
      >
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          Sneltoetsen
        </h2>
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">Toetsen en wat ze doen</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="pb-1 pr-4">
                Toets
              </th>
              <th scope="col" className="pb-1">
                Wat het doet
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.values(SHORTCUTS).map((shortcut) => (
              <tr key={shortcut.label} className="border-t border-slate-200">
                <td className="py-1 pr-4">
                  <kbd className="kbd">{shortcut.label}</kbd>
                </td>
                <td className="py-1">{shortcut.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 text-right">
          <button ref={closeRef} type="button" className="btn-primary" onClick={() => onOpenChange(false)}>
            Sluiten
          </button>
        </div>
      </div>
    </div>
  );
}
