import { useState, type KeyboardEvent } from 'react';
import type { Onderwerp } from '@kcc/contracts/onderwerpen';
import { Field, fieldProps } from '../../../components/field';
import { useOnderwerpen } from '../api/get-onderwerpen';
import { exactOnderwerp, onderwerpSuggestions } from '../utils/onderwerp-suggestions';

interface OnderwerpComboboxProps {
  id: string;
  value: string;
  /** Set when the value was picked from the list. */
  onderwerpId: string | undefined;
  error?: string;
  maxLength: number;
  onChange: (value: { onderwerp: string; onderwerpId?: string }) => void;
}

/**
 * The onderwerp as an editable combobox with list autocomplete (WAI-ARIA 1.2 combobox pattern): typing suggests
 * onderwerpen of the managed list, ↓/↑ move through them, Enter picks, Escape closes the list (a second Escape
 * empties the field). Free text stays allowed; a hint says whether the text comes from the list.
 */
export function OnderwerpCombobox({
  id,
  value,
  onderwerpId,
  error,
  maxLength,
  onChange,
}: OnderwerpComboboxProps) {
  const onderwerpen = useOnderwerpen();
  const items = onderwerpen.data ?? [];
  const [open, setOpen] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const [active, setActive] = useState(-1);
  const { shown, total } = onderwerpSuggestions(items, value, { all: showAll });
  const expanded = open && shown.length > 0;
  const listId = `${id}-listbox`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const picked = onderwerpId !== undefined ? items.find((o) => o.id === onderwerpId) : undefined;

  const pick = (item: Onderwerp) => {
    onChange({ onderwerp: item.naam, onderwerpId: item.id });
    setOpen(false);
    setActive(-1);
  };
  const type = (text: string) => {
    // Typing the exact name of an onderwerp counts as picking it, so the report can group it.
    const exact = exactOnderwerp(items, text);
    onChange(exact ? { onderwerp: text, onderwerpId: exact.id } : { onderwerp: text });
    setOpen(true);
    setShowAll(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.metaKey) return; // Ctrl+Enter submits the form
    switch (event.key) {
      case 'ArrowDown': {
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setShowAll(value.trim() === '');
          if (!event.altKey) setActive(0);
          return;
        }
        setActive((i) => (i + 1) % shown.length);
        return;
      }
      case 'ArrowUp': {
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setShowAll(value.trim() === '');
          setActive(onderwerpSuggestions(items, value, { all: value.trim() === '' }).shown.length - 1);
          return;
        }
        setActive((i) => (i <= 0 ? shown.length - 1 : i - 1));
        return;
      }
      case 'Enter': {
        const item = expanded && active >= 0 ? shown[active] : undefined;
        if (item) {
          event.preventDefault();
          pick(item);
        }
        return;
      }
      case 'Escape': {
        if (expanded) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setActive(-1);
        } else if (value !== '') {
          event.preventDefault();
          event.stopPropagation();
          onChange({ onderwerp: '' });
        }
        return;
      }
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  const hint = onderwerpen.isError
    ? 'De lijst met onderwerpen kon niet laden. U kunt het onderwerp zelf typen.'
    : picked
      ? `Uit de lijst: ${picked.naam}.`
      : value.trim() !== ''
        ? 'Eigen tekst: dit onderwerp staat niet in de lijst.'
        : 'Typ om een onderwerp uit de lijst te kiezen, of typ zelf een onderwerp.';

  return (
    <Field id={id} label="Onderwerp" error={error} hint={hint} required>
      <div className="relative">
        <input
          {...fieldProps(id, error, { hint, required: true })}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          value={value}
          maxLength={maxLength + 50}
          onChange={(e) => type(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          className="field"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Onderwerpen"
          hidden={!expanded}
          className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded border border-slate-400 bg-white py-1 shadow-lg"
        >
          {expanded &&
            shown.map((item, i) => (
              <li
                key={item.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                // mousedown, not click: the input must not lose focus first (that closes the list)
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(item);
                }}
                className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? 'bg-blue-700 text-white' : 'text-slate-900 hover:bg-slate-100'}`}
              >
                {item.naam}
              </li>
            ))}
        </ul>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {expanded
          ? `${total} ${total === 1 ? 'onderwerp' : 'onderwerpen'} gevonden${total > shown.length ? `, ${shown.length} getoond` : ''}. Kies met pijltje omlaag en Enter.`
          : ''}
      </p>
    </Field>
  );
}
