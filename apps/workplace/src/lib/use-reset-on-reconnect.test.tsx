import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render-app';

describe('a connection error after reconnecting', () => {
  it('stays while the connection is gone and disappears once the socket is back', async () => {
    const user = userEvent.setup();
    const { socket, container } = renderApp();
    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    socket.respond('presence:set', () => ({ ok: false, error: 'timeout' }));

    await user.selectOptions(screen.getByTestId('status-select'), 'pauze');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Status niet gewijzigd. De server reageert niet.',
    );

    act(() => socket.serverDisconnect());
    expect(await screen.findByTestId('connection-lost')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Status niet gewijzigd.');

    act(() => socket.serverConnect(true));
    await waitFor(() => expect(screen.queryByTestId('connection-lost')).toBeNull());
    await waitFor(() => expect(screen.queryByText(/Status niet gewijzigd/)).toBeNull());
  });
});
