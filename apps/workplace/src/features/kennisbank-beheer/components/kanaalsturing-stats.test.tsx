import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KanaalsturingStatsResponse } from '@kcc/contracts/kennisbank';
import { renderWithProviders } from '../../../testing/render-app';
import { KanaalsturingStats } from './kanaalsturing-stats';

const stats: KanaalsturingStatsResponse = {
  total: 4,
  gewezenOpPrimairKanaal: 3,
  nietGewezen: 1,
  aandeelGewezen: 0.75,
  viaPrimairKanaal: 1,
  aandeelViaPrimairKanaal: 0.25,
  perProduct: [
    {
      product: 'paspoort',
      primairKanaal: 'website (afspraak maken)',
      total: 4,
      gewezenOpPrimairKanaal: 3,
      nietGewezen: 1,
      aandeelGewezen: 0.75,
      viaPrimairKanaal: 1,
      aandeelViaPrimairKanaal: 0.25,
    },
  ],
};

describe('KanaalsturingStats', () => {
  it('shows the channel residents actually used next to how often they were pointed to it', async () => {
    renderWithProviders(<KanaalsturingStats />, {
      routes: { 'GET /api/kennisbank/kanaalsturing/stats': { status: 200, body: stats } },
    });
    expect(await screen.findByTestId('aandeel-gewezen')).toHaveTextContent('75%');
    expect(screen.getByTestId('aandeel-via-primair')).toHaveTextContent('25%');
    const row = screen.getByRole('row', { name: /paspoort/ });
    expect(within(row).getByRole('cell', { name: '1 van 4' })).toBeInTheDocument();
  });
});
