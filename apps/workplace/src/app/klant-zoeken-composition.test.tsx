import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { detailFatima } from '../features/klantbeeld/testing/integraal-fixtures';
import { klantZoekenActions } from '../features/klantzoeken/stores/klant-zoeken-store';
import { contact, klantbeeldUnknown } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

const FATIMA_ZOEK = {
  status: 200,
  body: {
    items: [
      {
        bsn: '999993653',
        volledigeNaam: 'Fatima El Amrani',
        geboortedatum: '1984-03-12',
        adresregels: ['Lindelaan 4', '1234 AB  VOORBEELDSTAD'],
        geheimhouding: false,
      },
    ],
    maximumBereikt: false,
  },
};

describe('Klant opzoeken in the agent shell', () => {
  beforeEach(() => klantZoekenActions.sessionEnded());

  it('searches with the open contact as purpose and reads the klantbeeld again on every opening', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({
      routes: {
        'GET /api/me/contacts': { status: 200, body: { items: [contact()] } },
        'GET /api/contacts/c-1/klantbeeld': { status: 200, body: klantbeeldUnknown() },
        'GET /api/klantbeeld/personen': FATIMA_ZOEK,
        'GET /api/klantbeeld/persoon/999993653': { status: 200, body: detailFatima() },
      },
    });
    const button = await screen.findByRole('button', { name: 'Klant opzoeken' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    const form = screen.getByTestId('klant-zoeken');
    expect(within(form).getByTestId('zoek-doel')).toHaveTextContent('het open contact met Jan Jansen');
    await user.type(within(form).getByRole('textbox', { name: 'BSN' }), '999993653');
    await user.click(within(form).getByRole('button', { name: 'Zoeken' }));
    expect(api.requestsTo('GET', '/api/klantbeeld/personen?bsn=999993653&contactId=c-1')).toHaveLength(1);

    const openButton = await within(form).findByRole('button', {
      name: 'Klantbeeld openen: Fatima El Amrani',
    });
    await user.click(openButton);
    const opened = await screen.findByTestId('register-klantbeeld');
    await waitFor(() => expect(within(opened).getAllByTestId('zaak')).toHaveLength(2));
    // The contact's own klantbeeld stays beside it.
    expect(screen.getByTestId('klantbeeld')).toBeInTheDocument();

    await user.click(within(opened).getByRole('button', { name: 'Klantbeeld sluiten' }));
    await user.click(openButton);
    await screen.findByTestId('register-klantbeeld');
    await waitFor(() =>
      expect(api.requestsTo('GET', '/api/klantbeeld/persoon/999993653?contactId=c-1')).toHaveLength(2),
    );

    await user.click(button);
    expect(screen.queryByTestId('klant-zoeken')).toBeNull();
  });

  it('gives a privacy officer the privacy screen (no agent socket)', async () => {
    const { createSocket } = renderApp({
      session: { token: 't-priya', user: { id: 'user-priya', name: 'Priya Ramdin', roles: ['privacy'] } },
      routes: {
        'GET /api/audit/verify': {
          status: 200,
          body: { ok: true, count: 0, headHash: '0'.repeat(64), checkedAt: '2026-11-23T20:46:05.209Z' },
        },
      },
    });
    expect(
      await screen.findByRole('heading', { name: 'Verwerkingenlog: inzageverzoek' }),
    ).toBeInTheDocument();
    expect(document.querySelector('[data-view="privacy"]')).toHaveAttribute('data-app-state', 'ready');
    expect(screen.getByTestId('user-name')).toHaveTextContent('Priya Ramdin');
    expect(createSocket).not.toHaveBeenCalled();
  });
});
