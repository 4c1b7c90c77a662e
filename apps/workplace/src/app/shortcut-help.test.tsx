import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render-app';

describe('shortcut help', () => {
  it('opens on ? and F1, lists the shortcuts, closes on Escape and returns focus', async () => {
    const user = userEvent.setup();
    const { container } = renderApp();
    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    const trigger = screen.getByRole('button', { name: 'Uitloggen' });
    trigger.focus();

    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Sneltoetsen' });
    expect(dialog).toHaveTextContent('Alt+A');
    expect(dialog).toHaveTextContent('Eerste aanbod accepteren');
    expect(dialog).toHaveTextContent('Alt+W');
    expect(dialog).toHaveTextContent('Ctrl+Enter');
    expect(screen.getByRole('button', { name: 'Sluiten' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(trigger).toHaveFocus();

    await user.keyboard('{F1}');
    expect(screen.getByRole('dialog', { name: 'Sneltoetsen' })).toBeInTheDocument();
  });

  it('types ? in a text field instead of opening the help', async () => {
    const user = userEvent.setup();
    renderApp({ session: null });
    await user.type(await screen.findByLabelText('Gebruikersnaam'), 'wie?');
    expect(screen.getByLabelText('Gebruikersnaam')).toHaveValue('wie?');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves focus to the status control with Alt+S', async () => {
    const user = userEvent.setup();
    const { container } = renderApp();
    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    await user.keyboard('{Alt>}s{/Alt}');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveFocus();
  });
});
