import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { NieuwsItem } from '@kcc/contracts/kennisbank';
import { renderWithProviders } from '../../../testing/render-app';
import { Werkberichten } from './werkberichten';

const item = (overrides: Partial<NieuwsItem>): NieuwsItem => ({
  id: 'nws:1',
  title: 'Bericht',
  body: 'Tekst',
  belangrijk: false,
  updatedAt: '2026-11-20T10:00:00Z',
  gelezen: false,
  ...overrides,
});

describe('Werkberichten', () => {
  it('puts belangrijk first and marked, counts unread, and marks one read (count drops at once)', async () => {
    const user = userEvent.setup();
    const items = [
      item({ id: 'nws:gewoon', title: 'Nieuwe folder', updatedAt: '2026-11-22T10:00:00Z' }),
      item({ id: 'nws:oud', title: 'Gelezen bericht', gelezen: true, updatedAt: '2026-11-23T10:00:00Z' }),
      item({ id: 'nws:digid', title: 'Storing DigiD', body: '<b>geen html</b>', belangrijk: true }),
    ];
    const { api } = renderWithProviders(<Werkberichten />, {
      routes: {
        'GET /api/kennisbank/nieuws': () => ({
          status: 200,
          body: { items, ongelezen: items.filter((i) => !i.gelezen).length },
        }),
        'POST /api/kennisbank/nieuws/nws%3Adigid/gelezen': () => {
          items[2] = { ...items[2]!, gelezen: true };
          return { status: 200, body: { id: 'nws:digid', gelezen: true } };
        },
      },
    });
    const list = await screen.findAllByTestId('werkbericht');
    expect(list.map((li) => li.getAttribute('data-belangrijk'))).toEqual(['true', 'false', 'false']);
    expect(within(list[0]!).getByText('Belangrijk')).toBeInTheDocument();
    expect(within(list[0]!).getByRole('heading', { name: 'Storing DigiD' })).toBeInTheDocument();
    expect(list[0]).toHaveTextContent('<b>geen html</b>');
    expect(list.map((li) => li.querySelector('h3')?.textContent)).toEqual([
      'Storing DigiD',
      'Nieuwe folder',
      'Gelezen bericht',
    ]);
    expect(screen.getByTestId('werkberichten-ongelezen')).toHaveTextContent('2 ongelezen');

    await user.click(screen.getByRole('button', { name: 'Markeer als gelezen: Storing DigiD' }));
    await waitFor(() =>
      expect(screen.getByTestId('werkberichten-ongelezen')).toHaveTextContent('1 ongelezen'),
    );
    expect(api.requestsTo('POST', '/api/kennisbank/nieuws/nws%3Adigid/gelezen')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Markeer als gelezen: Storing DigiD' })).toBeNull();
  });

  it('rolls the read mark back when the server refuses', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Werkberichten />, {
      routes: {
        'GET /api/kennisbank/nieuws': {
          status: 200,
          body: { items: [item({ title: 'Verlopen' })], ongelezen: 1 },
        },
        'POST /api/kennisbank/nieuws/nws%3A1/gelezen': {
          status: 404,
          body: {
            title: 'Niet gevonden',
            status: 404,
            detail: 'Dit werkbericht bestaat niet of is niet meer geldig.',
          },
        },
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Markeer als gelezen: Verlopen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Markeren is niet gelukt. Niet gevonden.');
    expect(screen.getByTestId('werkberichten-ongelezen')).toHaveTextContent('1 ongelezen');
  });
});
