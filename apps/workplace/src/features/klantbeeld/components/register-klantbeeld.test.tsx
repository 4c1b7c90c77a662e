import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { KlantbeeldDetailResponse } from '@kcc/contracts/klantbeeld';
import { renderWithProviders } from '../../../testing/render-app';
import { detailFatima } from '../testing/integraal-fixtures';
import { RegisterKlantbeeld } from './register-klantbeeld';

const bakkerij = (): KlantbeeldDetailResponse => ({
  soort: 'organisatie',
  integraal: {
    ...detailFatima().integraal,
    identiteit: {
      status: 'beschikbaar',
      data: {
        soort: 'organisatie',
        kvkNummer: '90005678',
        naam: 'Fietsenmaker Visser',
        rsin: '850000117',
        rechtsvorm: 'Eenmanszaak',
        adresregels: ['Stationsweg 118', '1235 EF Voorbeeldstad'],
        sbiActiviteiten: ['4764 - Winkels in sportartikelen en fietsen'],
        registratiedatum: '2016-02-15',
      },
    },
    contactgegevens: { status: 'niet_van_toepassing', melding: 'Nog niet bekend in het klantregister' },
    klantcontacten: { status: 'niet_van_toepassing', melding: 'Nog niet bekend in het klantregister' },
    interneTaken: { status: 'niet_van_toepassing', melding: 'Nog niet bekend in het klantregister' },
    zaken: { status: 'beschikbaar', data: { items: [] } },
    signalen: [],
  },
});

describe('RegisterKlantbeeld', () => {
  it('opens a resident by BSN with the chosen purpose and focuses its heading', async () => {
    const { api } = renderWithProviders(
      <RegisterKlantbeeld
        target={{ soort: 'persoon', bsn: '999993653' }}
        doel={{ doel: 'klantvraag_zonder_contact' }}
        onClose={vi.fn()}
      />,
      { routes: { 'GET /api/klantbeeld/persoon/999993653': { status: 200, body: detailFatima() } } },
    );
    const heading = await screen.findByRole('heading', { name: 'Klantbeeld: Fatima El Amrani' });
    expect(heading).toHaveFocus();
    expect(
      api.requests.filter((r) => r.path.startsWith('/api/klantbeeld/persoon/')).map((r) => r.path),
    ).toEqual(['/api/klantbeeld/persoon/999993653?doel=klantvraag_zonder_contact']);
    expect(screen.getAllByTestId('zaak')).toHaveLength(2);
  });

  it('opens an organisation by KvK-nummer for the open contact, and says it is not in the klantregister', async () => {
    const { api } = renderWithProviders(
      <RegisterKlantbeeld
        target={{ soort: 'organisatie', kvkNummer: '90005678' }}
        doel={{ contactId: 'c-7' }}
        onClose={vi.fn()}
      />,
      { routes: { 'GET /api/klantbeeld/organisatie/90005678': { status: 200, body: bakkerij() } } },
    );
    expect(
      await screen.findByRole('heading', { name: 'Klantbeeld: Fietsenmaker Visser' }),
    ).toBeInTheDocument();
    expect(api.requestsTo('GET', '/api/klantbeeld/organisatie/90005678?contactId=c-7')).toHaveLength(1);
    const identiteit = screen.getByTestId('identiteit');
    expect(within(identiteit).getByRole('heading')).toHaveTextContent('Bedrijfsgegevens (Handelsregister)');
    expect(within(identiteit).getByTestId('kvk-nummer')).toHaveTextContent('90005678');
    expect(identiteit).toHaveTextContent('Eenmanszaak');
    expect(screen.getByText('Dit bedrijf staat nog niet in het klantregister.')).toBeInTheDocument();
    expect(within(screen.getByTestId('zaken')).getByText('Geen lopende zaken.')).toBeInTheDocument();
  });

  it('shows why it was refused, and closes', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithProviders(
      <RegisterKlantbeeld
        target={{ soort: 'persoon', bsn: '999993653' }}
        doel={{ contactId: 'c-9' }}
        onClose={onClose}
      />,
      {
        routes: {
          'GET /api/klantbeeld/persoon/999993653': {
            status: 403,
            body: { title: 'Geen toegang', status: 403, detail: 'U behandelt dit contact niet.' },
          },
        },
      },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Geen toegang. U behandelt dit contact niet.');
    await user.click(screen.getByRole('button', { name: 'Klantbeeld sluiten' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
