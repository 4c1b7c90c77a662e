import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KennisbankRapport } from '@kcc/contracts/kennisbank';
import { renderWithProviders } from '../../../testing/render-app';
import { QualityReport } from './quality-report';

const rapport: KennisbankRapport = {
  zonderAntwoord: [{ id: 'upl:paspoort', type: 'product', title: 'Paspoort' }],
  reviewVerlopen: [
    {
      id: 'vac:1',
      type: 'vac',
      title: 'Wat kost een paspoort?',
      owner: 'Redactie kennisbank',
      reviewDate: '2025-03-01',
    },
  ],
  zwakkeArtikelen: [
    { id: 'upl:laadpaalverzoek', type: 'product', title: 'Laadpaalverzoek', hielp: 1, hieldNiet: 3 },
  ],
  vragenZonderGoedAntwoord: [{ query: 'laadpaal aanvragen', hieldNiet: 3 }],
  aantallen: { zonderAntwoord: 940, reviewVerlopen: 1 },
  publiek: { sessiesMetAntwoord: 12, zonderChat: 9 },
};

describe('QualityReport', () => {
  it("shows weak articles, questions without a good answer, residents' use, past reviews and missing answers", async () => {
    renderWithProviders(<QualityReport />, {
      routes: { 'GET /api/kennisbank/rapport': { status: 200, body: rapport } },
    });
    expect(await screen.findByTestId('zwakke-artikelen')).toHaveTextContent(
      'Laadpaalverzoek (Product): 3× hielp niet, 1× hielp',
    );
    expect(screen.getByTestId('vragen-zonder-antwoord')).toHaveTextContent(
      '"laadpaal aanvragen": 3× hielp niet',
    );
    expect(screen.getByTestId('publiek-zonder-chat')).toHaveTextContent(
      '9 van 12 bezoekers openden een antwoord en begonnen daarna geen chat.',
    );
    const review = screen.getByRole('region', { name: 'Review verlopen (1)' });
    expect(within(review).getByText(/review 1 mrt 2025, eigenaar Redactie kennisbank/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Zonder antwoordtekst (940)' })).toBeInTheDocument();
  });

  it('says so when the report cannot be loaded', async () => {
    renderWithProviders(<QualityReport />, {
      routes: { 'GET /api/kennisbank/rapport': { status: 500, body: { title: 'Fout', status: 500 } } },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Het rapport kon niet worden geladen.');
  });
});
