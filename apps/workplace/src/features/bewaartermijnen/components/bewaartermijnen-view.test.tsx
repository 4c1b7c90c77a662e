import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RetentionOverview, RetentionRun } from '@kcc/contracts/bewaartermijnen';
import { renderWithProviders } from '../../../testing/render-app';
import { termText } from '../utils/labels';
import { BewaartermijnenView } from './bewaartermijnen-view';

const run = (dryRun: boolean, removed: number[]): RetentionRun => ({
  at: '2026-12-07T02:00:00.000Z',
  dryRun,
  kinds: (['contacten', 'transcripten', 'bijlagen', 'verwerkingenlog'] as const).map((kind, i) => ({
    kind,
    term: kind === 'bijlagen' ? 'P3M' : kind === 'verwerkingenlog' ? 'P2Y' : 'P1Y',
    cutoff: '2025-12-07T02:00:00.000Z',
    expired: dryRun ? removed[i]! : 0,
    removed: dryRun ? 0 : removed[i]!,
  })),
});
const overview = (lastRun: RetentionRun | null): RetentionOverview => ({
  terms: { contacten: 'P1Y', transcripten: 'P1Y', bijlagen: 'P3M', verwerkingenlog: 'P2Y' },
  nextRunAt: '2026-12-08T02:00:00.000Z',
  lastRun,
  dryRun: run(true, [12, 12, 3, 40]),
});

describe('BewaartermijnenView', () => {
  it('shows each term in words and what a run would remove now, without removing anything', async () => {
    const { api } = renderWithProviders(<BewaartermijnenView canRun />, {
      routes: { 'GET /api/beheer/bewaartermijnen': { status: 200, body: overview(null) } },
    });
    const table = await screen.findByTestId('bewaartermijnen-tabel');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Contacten');
    expect(rows[1]).toHaveTextContent('1 jaar');
    expect(rows[1]).toHaveTextContent('12 contacten');
    expect(rows[3]).toHaveTextContent('3 maanden');
    expect(rows[4]).toHaveTextContent('40 logregels');
    expect(screen.getByText('Er is nog niet opgeschoond.')).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/beheer/bewaartermijnen/opschonen')).toHaveLength(0);
  });

  it('asks before it runs, runs once on "Ja", and shows what went', async () => {
    const user = userEvent.setup();
    const { api } = renderWithProviders(<BewaartermijnenView canRun />, {
      routes: {
        'GET /api/beheer/bewaartermijnen': { status: 200, body: overview(null) },
        'POST /api/beheer/bewaartermijnen/opschonen': { status: 200, body: run(false, [12, 12, 3, 40]) },
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Nu opschonen' }));
    const dialog = screen.getByRole('dialog', { name: 'Nu opschonen?' });
    await user.click(within(dialog).getByRole('button', { name: 'Annuleren' }));
    expect(api.requestsTo('POST', '/api/beheer/bewaartermijnen/opschonen')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Nu opschonen' }));
    await user.click(screen.getByRole('button', { name: 'Ja, nu opschonen' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Opgeschoond: contacten 12, gesprekken 12, bijlagen 3, verwerkingenlog 40.',
    );
    expect(api.requestsTo('POST', '/api/beheer/bewaartermijnen/opschonen')).toHaveLength(1);
  });

  it('lets the privacy officer look without a run button', async () => {
    renderWithProviders(<BewaartermijnenView canRun={false} />, {
      routes: {
        'GET /api/beheer/bewaartermijnen': { status: 200, body: overview(run(false, [1, 1, 0, 0])) },
      },
    });
    expect(await screen.findByTestId('bewaartermijnen-laatste')).toHaveTextContent('contacten 1');
    expect(screen.queryByRole('button', { name: 'Nu opschonen' })).toBeNull();
  });
});

describe('termText', () => {
  it('says ISO terms in words', () => {
    expect(termText('P1Y')).toBe('1 jaar');
    expect(termText('P2Y6M')).toBe('2 jaar en 6 maanden');
    expect(termText('P1W')).toBe('1 week');
    expect(termText('P30D')).toBe('30 dagen');
  });
});
