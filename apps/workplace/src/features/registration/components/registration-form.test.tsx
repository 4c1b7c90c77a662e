import { onlineManager } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AFDELING_UUID, PARTIJ_UUID } from '../../../testing/fixtures';
import { renderWithProviders, type RenderRoutes } from '../../../testing/render-app';
import { RegistrationForm } from './registration-form';

const REGISTRATION = 'POST /api/contacts/c-1/registration';
const created = {
  status: 201,
  body: { klantcontact: { uuid: '5e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', url: 'http://kcc.test/kc/1' } },
};

function renderForm(routes: RenderRoutes = {}, onRegistered = vi.fn()) {
  const rendered = renderWithProviders(
    <RegistrationForm
      contactId="c-1"
      channel="telefoon"
      partij={{ uuid: PARTIJ_UUID, naam: 'Jan Jansen' }}
      registrations={0}
      onRegistered={onRegistered}
    />,
    { routes },
  );
  return { ...rendered, onRegistered };
}

const field = (name: string) => screen.getByRole('textbox', { name });
const select = (name: string) => screen.getByRole('combobox', { name });
const onderwerpField = () => screen.getByRole('combobox', { name: 'Onderwerp' });

async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.type(onderwerpField(), 'Afvalpas');
  await user.type(field('Vraag'), 'Mijn afvalpas is kwijt.');
  await user.type(field('Antwoord / notitie'), 'Nieuwe pas aangevraagd.');
  await waitFor(() => expect(select('Gespreksresultaat')).toBeEnabled());
  await user.selectOptions(select('Gespreksresultaat'), 'Zelfstandig afgehandeld');
}

describe('RegistrationForm', () => {
  it('prefills the kanaal from the contact and offers only active gespreksresultaten', async () => {
    renderForm();
    expect(select('Kanaal')).toHaveValue('telefoon');
    await waitFor(() => expect(select('Gespreksresultaat')).toBeEnabled());
    const options = Array.from((select('Gespreksresultaat') as HTMLSelectElement).options).map((o) => o.text);
    expect(options).toEqual(['Kies een resultaat', 'Zelfstandig afgehandeld', 'Doorverbonden naar afdeling']);
  });

  it('validates before sending: required fields get a Dutch message and focus moves to the first', async () => {
    const user = userEvent.setup();
    const { api } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    expect(screen.getByText('Vul het onderwerp in.')).toBeInTheDocument();
    expect(screen.getByText('Kies een gespreksresultaat.')).toBeInTheDocument();
    expect(onderwerpField()).toHaveAttribute('aria-invalid', 'true');
    expect(onderwerpField()).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('Er zijn 2 fouten in het formulier.');
    expect(api.requestsTo('POST', '/api/contacts/c-1/registration')).toHaveLength(0);
  });

  it('sends the registration with an Idempotency-Key and closes the contact', async () => {
    const user = userEvent.setup();
    const { api, onRegistered } = renderForm({ [REGISTRATION]: created });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith(created.body, true));
    const [request] = api.requestsTo('POST', '/api/contacts/c-1/registration');
    expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request?.body).toEqual({
      onderwerp: 'Afvalpas',
      inhoud: 'Mijn afvalpas is kwijt.',
      reactie: 'Nieuwe pas aangevraagd.',
      kanaal: 'telefoon',
      gespreksresultaat: 'zelfstandig-afgehandeld',
      partij: { uuid: PARTIJ_UUID },
      afronden: true,
    });
  });

  it('picks an onderwerp from the list by keyboard (combobox) and sends its id; free text stays possible', async () => {
    const user = userEvent.setup();
    const { api } = renderForm({ [REGISTRATION]: created });
    const input = onderwerpField();
    expect(input).toHaveAttribute('aria-expanded', 'false');
    await user.type(input, 'pa');
    await waitFor(() => expect(input).toHaveAttribute('aria-expanded', 'true'));
    const listbox = screen.getByRole('listbox', { name: 'Onderwerpen' });
    expect(input).toHaveAttribute('aria-controls', listbox.id);
    // Names that start with "pa" first, then names that contain it.
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Parkeervergunning', 'Paspoort', 'Afvalpas kwijt']);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const active = screen.getByRole('option', { name: 'Paspoort' });
    expect(input).toHaveAttribute('aria-activedescendant', active.id);
    expect(active).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(input).toHaveValue('Paspoort');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveAccessibleDescription('Uit de lijst: Paspoort.');

    await user.type(screen.getByRole('textbox', { name: 'Vraag' }), 'Verlopen paspoort.');
    await waitFor(() => expect(select('Gespreksresultaat')).toBeEnabled());
    await user.selectOptions(select('Gespreksresultaat'), 'Zelfstandig afgehandeld');
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-1/registration')).toHaveLength(1));
    expect(api.requestsTo('POST', '/api/contacts/c-1/registration')[0]?.body).toMatchObject({
      onderwerp: 'Paspoort',
      onderwerpId: '0b1f5d36-8a44-4c0e-9a52-6f1d2e3c4b03',
    });
  });

  it('treats edited text as free text, and Escape closes the list, then empties the field', async () => {
    const user = userEvent.setup();
    renderForm();
    const input = onderwerpField();
    await user.type(input, 'rij');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(input).toHaveValue('Rijbewijs');
    await user.type(input, ' verlopen');
    expect(input).toHaveAccessibleDescription('Eigen tekst: dit onderwerp staat niet in de lijst.');
    expect(input).toHaveAttribute('aria-expanded', 'false'); // nothing in the list matches
    await user.clear(input);
    await user.type(input, 'afval');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveValue('afval');
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('');
    // Alt+↓ opens the whole list without choosing.
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(input).not.toHaveAttribute('aria-activedescendant');
    expect(within(screen.getByRole('listbox', { name: 'Onderwerpen' })).getAllByRole('option')).toHaveLength(
      4,
    );
  });

  it('holds a registration made while offline, says so, and sends it once when the connection is back', async () => {
    const user = userEvent.setup();
    const { api, onRegistered } = renderForm({ [REGISTRATION]: created });
    await fillValid(user);
    onlineManager.setOnline(false);
    try {
      await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
      expect(
        await screen.findByText(
          'Geen verbinding. De registratie wordt verstuurd zodra de verbinding terug is.',
        ),
      ).toBeInTheDocument();
      expect(api.requestsTo('POST', '/api/contacts/c-1/registration')).toHaveLength(0);
    } finally {
      onlineManager.setOnline(true);
    }
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith(created.body, true));
    expect(api.requestsTo('POST', '/api/contacts/c-1/registration')).toHaveLength(1);
  });

  it('reuses the same Idempotency-Key when retrying after a network failure', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const { api, onRegistered } = renderForm({
      [REGISTRATION]: () => (++attempts === 1 ? 'network-error' : created),
    });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Er komt geen dubbele registratie.');
    // The draft is still there for the retry.
    expect(onderwerpField()).toHaveValue('Afvalpas');

    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    await waitFor(() => expect(onRegistered).toHaveBeenCalledTimes(1));
    const keys = api
      .requestsTo('POST', '/api/contacts/c-1/registration')
      .map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('uses a new key after the server refused the request, and the next registration gets another', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const { api } = renderForm({
      [REGISTRATION]: () =>
        ++attempts === 1
          ? {
              status: 422,
              body: { title: 'Kan niet verwerken', status: 422, detail: 'Contact is al gesloten.' },
            }
          : created,
    });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Vraag registreren, contact blijft open' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Kan niet verwerken. Contact is al gesloten.');
    await user.click(screen.getByRole('button', { name: 'Vraag registreren, contact blijft open' }));
    expect(await screen.findByText(/Vraag geregistreerd/)).toBeInTheDocument();
    const keys = api
      .requestsTo('POST', '/api/contacts/c-1/registration')
      .map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(2);
  });

  it('asks before closing a contact whose e-mail reply did not go out, and keeps it open unless the agent chooses', async () => {
    const user = userEvent.setup();
    const notSent = {
      status: 409,
      body: {
        title: 'Antwoord niet verstuurd',
        status: 409,
        detail: 'Het antwoord is niet verstuurd.',
        invalidParams: [
          { name: 'afrondenOndanksNietVerstuurd', code: 'reply_not_sent', reason: 'Niet verstuurd.' },
        ],
      },
    };
    const { api, onRegistered } = renderForm({
      [REGISTRATION]: (request) =>
        (request.body as { afrondenOndanksNietVerstuurd?: boolean }).afrondenOndanksNietVerstuurd
          ? created
          : notSent,
    });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Het antwoord is niet verstuurd. Toch afronden?',
    });
    // The safe choice has the focus; no error in the form for what is a question.
    expect(screen.getByRole('button', { name: 'Contact open laten' })).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(dialog).not.toBeInTheDocument();
    expect(onRegistered).not.toHaveBeenCalled();
    expect(onderwerpField()).toHaveValue('Afvalpas');

    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    await user.click(await screen.findByRole('button', { name: 'Toch afronden' }));
    await waitFor(() => expect(onRegistered).toHaveBeenCalledTimes(1));
    const requests = api.requestsTo('POST', '/api/contacts/c-1/registration');
    expect(
      requests.map(
        (r) => (r.body as { afrondenOndanksNietVerstuurd?: boolean }).afrondenOndanksNietVerstuurd,
      ),
    ).toEqual([undefined, undefined, true]);
    // One attempt to register: nothing was stored for the refused ones, so the key stays the same.
    expect(new Set(requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('shows server invalidParams next to the fields they belong to', async () => {
    const user = userEvent.setup();
    renderForm({
      [REGISTRATION]: {
        status: 400,
        body: {
          title: 'Ongeldige invoer',
          status: 400,
          invalidParams: [
            { name: 'gespreksresultaat', code: 'unknown', reason: 'Dit gespreksresultaat is niet actief.' },
            { name: 'zaak', code: 'not_found', reason: 'Deze zaak bestaat niet.' },
          ],
        },
      },
    });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    const reason = await screen.findByText('Dit gespreksresultaat is niet actief.');
    expect(select('Gespreksresultaat')).toHaveAttribute('aria-invalid', 'true');
    expect(select('Gespreksresultaat').getAttribute('aria-describedby')).toContain(reason.id);
    expect(screen.getByRole('alert')).toHaveTextContent('Deze zaak bestaat niet.');
  });

  it('registers a question and stays open with Ctrl+Shift+Enter, clearing the question but not the kanaal', async () => {
    const user = userEvent.setup();
    const { api, onRegistered } = renderForm({ [REGISTRATION]: created });
    await fillValid(user);
    await user.selectOptions(select('Kanaal'), 'E-mail');
    await user.click(field('Vraag'));
    await user.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}');
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith(created.body, false));
    expect(api.requestsTo('POST', '/api/contacts/c-1/registration')[0]?.body).toMatchObject({
      afronden: false,
      kanaal: 'email',
    });
    expect(onderwerpField()).toHaveValue('');
    expect(field('Vraag')).toHaveValue('');
    expect(select('Kanaal')).toHaveValue('email');
    expect(
      screen.getByText('Vraag geregistreerd. Het contact blijft open voor de volgende vraag.'),
    ).toBeInTheDocument();
  });

  it('submits and closes with Ctrl+Enter', async () => {
    const user = userEvent.setup();
    const { onRegistered } = renderForm({ [REGISTRATION]: created });
    await fillValid(user);
    await user.click(onderwerpField());
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith(created.body, true));
  });

  it('adds an interne taak for an afdeling and requires its fields', async () => {
    const user = userEvent.setup();
    const { api } = renderForm({ [REGISTRATION]: created });
    await fillValid(user);
    await user.click(screen.getByRole('checkbox', { name: 'Interne taak aanmaken voor een afdeling' }));
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    expect(screen.getByText('Kies de afdeling die de taak krijgt.')).toBeInTheDocument();
    expect(screen.getByText('Beschrijf wat de afdeling moet doen.')).toBeInTheDocument();

    await waitFor(() => expect(select('Afdeling')).toBeEnabled());
    await user.selectOptions(select('Afdeling'), 'Burgerzaken');
    await user.type(field('Gevraagde handeling'), 'Klant terugbellen');
    await user.type(field('Toelichting'), 'Na 14.00 uur');
    await user.click(screen.getByRole('button', { name: 'Registreren en afronden' }));
    await waitFor(() => expect(api.requestsTo('POST', '/api/contacts/c-1/registration')).toHaveLength(1));
    expect(api.requestsTo('POST', '/api/contacts/c-1/registration')[0]?.body).toMatchObject({
      interneTaak: {
        gevraagdeHandeling: 'Klant terugbellen',
        toelichting: 'Na 14.00 uur',
        actor: { uuid: AFDELING_UUID },
      },
    });
  });
});
