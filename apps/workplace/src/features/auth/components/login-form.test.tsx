import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { session } from '../../../testing/fixtures';
import { resetOidcReturnForTests } from '../api/oidc';
import { renderApp } from '../../../testing/render-app';

describe('login', () => {
  it('logs in, keeps the token in sessionStorage and opens the shell', async () => {
    const user = userEvent.setup();
    const { api, container } = renderApp({
      session: null,
      routes: { 'POST /api/auth/login': { status: 200, body: session } },
    });
    expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull();

    await user.type(await screen.findByLabelText('Gebruikersnaam'), 'anna');
    await user.type(screen.getByLabelText('Wachtwoord'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByTestId('user-name')).toHaveTextContent('Anna de Vries');
    expect(api.requestsTo('POST', '/api/auth/login')[0]?.body).toEqual({
      username: 'anna',
      password: 'demo',
    });
    expect(JSON.parse(window.sessionStorage.getItem('kcc.session') ?? '{}').token).toBe('test-token');
    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    expect(api.requestsTo('GET', '/api/me')[0]?.headers.authorization).toBe('Bearer test-token');
  });

  it('shows the server reason in Dutch on wrong credentials', async () => {
    const user = userEvent.setup();
    renderApp({
      session: null,
      routes: {
        'POST /api/auth/login': {
          status: 401,
          body: { title: 'Niet ingelogd', status: 401, detail: 'Gebruikersnaam of wachtwoord klopt niet.' },
        },
      },
    });
    await user.type(await screen.findByLabelText('Gebruikersnaam'), 'anna');
    await user.type(screen.getByLabelText('Wachtwoord'), 'fout');
    await user.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Gebruikersnaam of wachtwoord klopt niet.');
    expect(window.sessionStorage.getItem('kcc.session')).toBeNull();
  });

  it('explains rate limiting', async () => {
    const user = userEvent.setup();
    renderApp({
      session: null,
      routes: {
        'POST /api/auth/login': {
          status: 429,
          body: { title: 'Te veel pogingen', status: 429, detail: 'Probeer het over 30 seconden opnieuw.' },
        },
      },
    });
    await user.type(await screen.findByLabelText('Gebruikersnaam'), 'anna');
    await user.type(screen.getByLabelText('Wachtwoord'), 'x');
    await user.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Te veel pogingen. Probeer het over 30 seconden opnieuw.',
    );
  });

  it('says what is missing without calling the server', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ session: null });
    await user.click(await screen.findByRole('button', { name: 'Inloggen' }));
    expect(screen.getByText('Vul uw gebruikersnaam in.')).toBeInTheDocument();
    expect(screen.getByText('Vul uw wachtwoord in.')).toBeInTheDocument();
    expect(screen.getByLabelText('Gebruikersnaam')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Gebruikersnaam')).toHaveFocus();
    expect(api.requests.filter((r) => r.path !== '/api/auth/config')).toHaveLength(0);
  });

  it('ends the session on a 401 from the API and says why', async () => {
    const { findByRole } = renderApp({
      routes: { 'GET /api/me': { status: 401, body: { title: 'Niet ingelogd', status: 401 } } },
    });
    expect(await findByRole('button', { name: 'Inloggen' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Uw sessie is verlopen. Log opnieuw in.');
  });

  it('goes offline and back to the login screen on Uitloggen', async () => {
    const user = userEvent.setup();
    const { socket, container } = renderApp();
    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Uitloggen' }));
    expect(await screen.findByRole('button', { name: 'Inloggen' })).toBeInTheDocument();
    expect(socket.commandsOf('presence:set')).toEqual([{ status: 'offline' }]);
    expect(socket.disconnectCalls).toBeGreaterThan(0);
    expect(window.sessionStorage.getItem('kcc.session')).toBeNull();
  });

  describe('with the identity provider (OIDC, issue 11)', () => {
    afterEach(() => {
      resetOidcReturnForTests();
      window.history.replaceState(null, '', '/');
    });
    const oidcOnly = { 'GET /api/auth/config': { status: 200, body: { oidc: true, localLogin: false } } };

    it('offers "Inloggen met uw organisatieaccount" and hides the local form', async () => {
      renderApp({ session: null, routes: oidcOnly });
      expect(await screen.findByRole('button', { name: 'Inloggen met uw organisatieaccount' })).toBeVisible();
      expect(screen.queryByLabelText('Gebruikersnaam')).toBeNull();
    });

    it('shows both when the server also allows local accounts (demo mode)', async () => {
      renderApp({
        session: null,
        routes: { 'GET /api/auth/config': { status: 200, body: { oidc: true, localLogin: true } } },
      });
      expect(await screen.findByRole('button', { name: 'Inloggen met uw organisatieaccount' })).toBeVisible();
      expect(screen.getByLabelText('Gebruikersnaam')).toBeVisible();
    });

    it('says in Dutch why a login without a mapped role gets no access', async () => {
      window.history.replaceState(null, '', '/#oidc-fout=geen-rol');
      renderApp({ session: null, routes: oidcOnly });
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'U heeft geen toegang tot de KCC Werkplek. Uw organisatieaccount heeft geen rol voor de werkplek.',
      );
      expect(window.location.hash).toBe('');
    });

    it('exchanges the one-time code of the redirect back for the session', async () => {
      window.history.replaceState(null, '', '/#oidc=eenmalige-code-van-de-server-1234');
      const { api } = renderApp({
        session: null,
        routes: { ...oidcOnly, 'POST /api/auth/oidc/session': { status: 200, body: session } },
      });
      expect(await screen.findByTestId('user-name')).toHaveTextContent('Anna de Vries');
      expect(api.requestsTo('POST', '/api/auth/oidc/session')[0]?.body).toEqual({
        code: 'eenmalige-code-van-de-server-1234',
      });
      expect(window.location.hash).toBe('');
    });
  });
});
