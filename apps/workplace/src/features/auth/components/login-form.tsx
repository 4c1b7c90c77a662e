import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../../lib/api-client';
import { useLogin } from '../api/login';
import { oidcReturnPending, oidcReturnOnce, startOidcLogin, useAuthConfig } from '../api/oidc';
import { useSessionActions, useSessionEndedReason } from '../stores/session-store';

interface FieldErrors {
  username?: string;
  password?: string;
}

function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) {
    return error.problem.detail ?? 'Gebruikersnaam of wachtwoord klopt niet.';
  }
  if (error instanceof ApiError && error.status === 429) {
    return `Te veel pogingen. ${error.problem.detail ?? 'Wacht even en probeer het opnieuw.'}`;
  }
  return describeError(error);
}

/**
 * The login screen: "Inloggen met uw organisatieaccount" when the server has an identity provider (OIDC), and the
 * username + password form for local accounts when the server allows them (always without OIDC; with OIDC only
 * in demo mode or with KCC_LOCAL_LOGIN=1).
 */
export function LoginForm() {
  const id = useId();
  const config = useAuthConfig();
  const { loggedIn } = useSessionActions();
  const [oidcBusy, setOidcBusy] = useState(oidcReturnPending);
  const [oidcError, setOidcError] = useState<string | null>(null);

  // Back from the identity provider: exchange the one-time code, or show why there is no access.
  useEffect(() => {
    void oidcReturnOnce().then((outcome) => {
      setOidcBusy(false);
      if (!outcome) return;
      if (outcome.ok) loggedIn(outcome.session);
      else setOidcError(outcome.message);
    });
  }, [loggedIn]);

  const loginWithOrganisation = () => {
    setOidcBusy(true);
    setOidcError(null);
    void startOidcLogin().then((outcome) => {
      setOidcBusy(false);
      if (outcome.ok) loggedIn(outcome.session);
      else setOidcError(outcome.message);
    });
  };

  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const login = useLogin();
  const endedReason = useSessionEndedReason();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (username.trim() === '') errors.username = 'Vul uw gebruikersnaam in.';
    if (password === '') errors.password = 'Vul uw wachtwoord in.';
    setFieldErrors(errors);
    if (errors.username || errors.password) {
      const first = errors.username ? `${id}-username` : `${id}-password`;
      document.getElementById(first)?.focus();
      return;
    }
    login.mutate({ username: username.trim(), password });
  };

  const serverError = login.isError ? loginErrorMessage(login.error) : oidcError;
  const oidc = config?.oidc === true;
  const localLogin = config?.localLogin === true;

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="w-full max-w-sm space-y-5 rounded-lg border border-slate-300 bg-white p-8 shadow-sm"
    >
      <div>
        <h1 id={`${id}-title`} className="text-2xl font-semibold text-slate-900">
          Inloggen
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          {oidc
            ? 'Log in op de KCC Werkplek met het account van uw organisatie.'
            : 'Log in op de KCC Werkplek met uw eigen account.'}
        </p>
      </div>
      {endedReason && !serverError && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {endedReason}
        </p>
      )}
      {serverError && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {serverError}
        </p>
      )}
      {config === undefined && (
        <p role="status" className="text-sm text-slate-700">
          Laden…
        </p>
      )}
      {oidc && (
        <button
          type="button"
          className={localLogin ? 'btn-secondary w-full' : 'btn-primary w-full'}
          onClick={loginWithOrganisation}
          disabled={oidcBusy}
        >
          {oidcBusy ? 'Bezig met inloggen…' : 'Inloggen met uw organisatieaccount'}
        </button>
      )}
      {oidc && localLogin && <p className="text-center text-sm text-slate-700">of met een lokaal account</p>}
      {localLogin && (
        <>
          <div className="space-y-1">
            <label htmlFor={`${id}-username`} className="block text-sm font-medium">
              Gebruikersnaam
            </label>
            <input
              id={`${id}-username`}
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={fieldErrors.username ? true : undefined}
              aria-describedby={fieldErrors.username ? `${id}-username-error` : undefined}
              className="field"
            />
            {fieldErrors.username && (
              <p id={`${id}-username-error`} className="field-error">
                {fieldErrors.username}
              </p>
            )}
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-password`} className="block text-sm font-medium">
              Wachtwoord
            </label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? `${id}-password-error` : undefined}
              className="field"
            />
            {fieldErrors.password && (
              <p id={`${id}-password-error`} className="field-error">
                {fieldErrors.password}
              </p>
            )}
          </div>
          <button type="submit" className="btn-primary w-full" disabled={login.isPending}>
            {login.isPending ? 'Bezig met inloggen…' : 'Inloggen'}
          </button>
        </>
      )}
    </form>
  );
}
