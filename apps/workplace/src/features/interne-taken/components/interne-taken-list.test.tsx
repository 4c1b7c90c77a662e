import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { InterneTaakDetail, InterneTaakRegel } from '@kcc/contracts/interne-taken';
import { renderWithProviders } from '../../../testing/render-app';
import { InterneTakenList } from './interne-taken-list';

const TAAK = '0d7c1b56-2f7e-4d6c-9a60-5a3d3f0c9e11';
const AFVAL = { uuid: '6f3f6b5e-2c7c-4c55-9d1a-7a4b9e1c2d3f', naam: 'Afval en reiniging' };
const REGEL: InterneTaakRegel = {
  uuid: TAAK,
  gevraagdeHandeling: 'Terugbellen over grofvuil',
  status: 'te_verwerken',
  toegewezenOp: '2026-03-02T09:15:00Z',
  afdeling: AFVAL,
  klantcontact: { uuid: '9b2f1f0e-8a7d-4c3b-b2a1-0f9e8d7c6b5a', onderwerp: 'Grofvuil', kanaal: 'telefoon' },
};
const detail = (over: Partial<InterneTaakDetail> = {}): InterneTaakDetail => ({
  ...REGEL,
  toelichting: 'Na 17.00 uur.',
  toegewezenAan: [{ ...AFVAL, soort: 'organisatorische_eenheid' }],
  klantcontact: {
    ...REGEL.klantcontact,
    inhoud: 'Mijn grofvuil is niet opgehaald.',
    plaatsgevondenOp: '2026-03-02T09:10:00Z',
    medewerker: 'Anna de Vries',
  },
  partij: { uuid: '3f2b8c1e-6a4d-4e8b-9c2f-1a2b3c4d5e6f', naam: 'Fatima El Amrani' },
  notities: [],
  magOppakken: true,
  magAfronden: false,
  ...over,
});

function renderList(taak: () => InterneTaakDetail) {
  return renderWithProviders(<InterneTakenList />, {
    routes: {
      'GET /api/internetaken?lijst=mijn': { status: 200, body: { afdelingen: [AFVAL], items: [] } },
      'GET /api/internetaken?lijst=afdeling': { status: 200, body: { afdelingen: [AFVAL], items: [REGEL] } },
      [`GET /api/internetaken/${TAAK}`]: () => ({ status: 200, body: taak() }),
    },
  });
}

describe('InterneTakenList', () => {
  it("shows my afdeling's open taken and opens one with where it came from", async () => {
    const user = userEvent.setup();
    renderList(() => detail());
    expect(await screen.findByRole('button', { name: /^Mijn taken \(0\)/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(screen.getByRole('button', { name: /^Afdeling \(1\)/ }));
    expect(screen.getByText('Open taken van Afval en reiniging.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Terugbellen over grofvuil/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Terugbellen over grofvuil' });
    expect(dialog).toHaveAccessibleDescription('Deze taak is voor Afval en reiniging en nog niet opgepakt.');
    expect(within(dialog).getByText('Mijn grofvuil is niet opgehaald.')).toBeInTheDocument();
    expect(within(dialog).getByText('Fatima El Amrani')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Oppakken' })).toHaveFocus();
    expect(within(dialog).queryByRole('button', { name: 'Afronden' })).toBeNull();
  });

  it('claims, refuses an empty note without asking the server, and shows a conflict in words', async () => {
    const user = userEvent.setup();
    let claimed = false;
    const { api } = renderList(() =>
      claimed
        ? detail({
            medewerker: { uuid: AFVAL.uuid, naam: 'Bram Jansen' },
            magOppakken: false,
            magAfronden: true,
          })
        : detail(),
    );
    api.route(`POST /api/internetaken/${TAAK}/oppakken`, () => {
      claimed = true;
      return { status: 200, body: { ...REGEL, medewerker: { uuid: AFVAL.uuid, naam: 'Bram Jansen' } } };
    });
    api.route(`POST /api/internetaken/${TAAK}/afronden`, {
      status: 409,
      body: { title: 'Conflict', status: 409, detail: 'Deze taak is al afgerond.' },
    });
    await user.click(await screen.findByRole('button', { name: /^Afdeling/ }));
    await user.click(await screen.findByRole('button', { name: /^Terugbellen over grofvuil/ }));
    const dialog = await screen.findByRole('dialog');
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByText('U heeft de taak opgepakt.')).toBeInTheDocument();
    const afronden = await within(dialog).findByRole('button', { name: 'Afronden' });
    await waitFor(() => expect(afronden).toHaveFocus());

    await user.click(within(dialog).getByRole('button', { name: 'Notitie toevoegen' }));
    expect(within(dialog).getByRole('textbox', { name: 'Notitie' })).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('Schrijf eerst een notitie.')).toBeInTheDocument();
    expect(api.requestsTo('POST', `/api/internetaken/${TAAK}/notities`)).toHaveLength(0);

    await user.click(afronden);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Conflict. Deze taak is al afgerond.');
  });

  // The claim stays pending until every interne-taken query is read again; the taak itself (or the refetch that
  // `internetaken:changed` starts) can come back first and swap Oppakken for Afronden while the claim is pending.
  it('puts the focus on Afronden after Oppakken when the taak is read again before the claim is done', async () => {
    const user = userEvent.setup();
    let claimed = false;
    let releaseLijst: (() => void) | undefined;
    const { api, queryClient } = renderList(() =>
      claimed
        ? detail({
            medewerker: { uuid: AFVAL.uuid, naam: 'Bram Jansen' },
            magOppakken: false,
            magAfronden: true,
          })
        : detail(),
    );
    await user.click(await screen.findByRole('button', { name: /^Afdeling/ }));
    await user.click(await screen.findByRole('button', { name: /^Terugbellen over grofvuil/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Oppakken' })).toHaveFocus();
    api.route(`POST /api/internetaken/${TAAK}/oppakken`, () => {
      claimed = true;
      return { status: 200, body: { ...REGEL, medewerker: { uuid: AFVAL.uuid, naam: 'Bram Jansen' } } };
    });
    // The afdeling list is slow to answer the refetch after the claim; the taak answers at once.
    api.route('GET /api/internetaken?lijst=afdeling', () => {
      if (!claimed) return { status: 200, body: { afdelingen: [AFVAL], items: [REGEL] } };
      const lijst = { status: 200, body: { afdelingen: [AFVAL], items: [] } };
      if (releaseLijst) return lijst;
      return new Promise((resolve) => {
        releaseLijst = () => resolve(lijst);
      });
    });

    await user.keyboard('{Enter}');
    const afronden = await within(dialog).findByRole('button', { name: 'Afronden' });
    expect(within(dialog).queryByRole('button', { name: 'Oppakken' })).toBeNull();
    await waitFor(() => expect(releaseLijst).toBeDefined());
    releaseLijst?.();
    expect(await within(dialog).findByText('U heeft de taak opgepakt.')).toBeInTheDocument();
    expect(afronden).toBeEnabled();
    expect(afronden).not.toHaveAttribute('aria-disabled');
    await waitFor(() => expect(afronden).toHaveFocus());

    // More refetches (another colleague's change, `internetaken:changed`) keep the same button and its focus.
    await act(() => queryClient.invalidateQueries());
    expect(within(dialog).getByRole('button', { name: 'Afronden' })).toBe(afronden);
    expect(afronden).toHaveFocus();
  });
});
