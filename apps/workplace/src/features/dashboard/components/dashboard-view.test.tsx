import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DashboardSnapshot } from '@kcc/contracts/dashboard';
import { SERVER_URL } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render-app';
import { DashboardConnection } from '../hooks/dashboard-connection';
import { agent, belastingen, delta, intraday, queue, snapshot, stats } from '../testing/dashboard-fixtures';
import { FakeDashboardSocket } from '../testing/fake-dashboard-socket';
import { DashboardView } from './dashboard-view';

function renderDashboard(initial: DashboardSnapshot = snapshot()) {
  const socket = new FakeDashboardSocket();
  const createSocket = () => socket;
  const rendered = renderWithProviders(
    <DashboardConnection serverUrl={SERVER_URL} token="tl-token" createSocket={createSocket}>
      <DashboardView />
    </DashboardConnection>,
    {
      routes: {
        'GET /api/dashboard/snapshot': { status: 200, body: initial },
        'GET /api/dashboard/intraday': { status: 200, body: intraday() },
      },
    },
  );
  act(() => socket.serverConnect());
  return { ...rendered, socket };
}

const card = (queueId: string) =>
  screen.getAllByTestId('queue-card').find((c) => c.dataset.queue === queueId)!;
const agentRow = (agentId: string) =>
  screen.getAllByTestId('agent-row').find((r) => r.dataset.agentId === agentId)!;

describe('live dashboard', () => {
  it('shows per queue: waiting, longest wait, today and last 30 minutes, norm judgement and staffing advice', async () => {
    renderDashboard();
    const algemeen = await screen.findByRole('region', { name: 'Algemeen' });
    expect(within(algemeen).getByTestId('queue-waiting')).toHaveTextContent('2');
    expect(within(algemeen).getByTestId('queue-longest-wait')).toHaveTextContent(/^0:4[5-7]$/);
    const rows = within(within(algemeen).getByTestId('queue-stats')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Vandaag1081');
    expect(rows[1]).toHaveTextContent('78 %');
    expect(rows[1]).toHaveTextContent('Net onder norm');
    expect(rows[2]).toHaveTextContent('100 %');
    expect(rows[2]).toHaveTextContent('Norm gehaald');
    expect(within(algemeen).getByTestId('staffing-text')).toHaveTextContent(
      'Voor 80 % binnen 30 s nu nodig: 7, beschikbaar: 5',
    );
    expect(within(algemeen).getByTestId('staffing-advice')).toHaveTextContent('2 te weinig');
    expect(within(card('belastingen')).getByTestId('staffing-advice')).toHaveTextContent('Genoeg');
    expect(agentRow('user-anna')).toHaveTextContent('Beschikbaar');
    expect(agentRow('user-anna')).toHaveTextContent('2:0');
  });

  it('shows the occupancy (bezetting) per queue and in total, with a text for screen readers', async () => {
    renderDashboard(
      snapshot({
        queues: [
          queue({ last30: stats({ occupancy: null, busyAgentSeconds: 0, availableAgentSeconds: 0 }) }),
        ],
      }),
    );
    const algemeen = await screen.findByRole('region', { name: 'Algemeen' });
    const table = within(algemeen).getByTestId('queue-stats');
    expect(within(table).getByRole('columnheader', { name: 'Bezetting' })).toBeInTheDocument();
    const [today, last30] = within(table).getAllByTestId('queue-occupancy');
    // 2250 of 3600 agent seconds: 37.5 of 60 minutes
    expect(today).toHaveTextContent('63 %');
    expect(
      within(today!).getByText('Bezetting 63 %: 37,5 van 60 beschikbare minuten in gesprek of nawerk'),
    ).toHaveClass('sr-only');
    expect(last30).toHaveTextContent('–');
    expect(last30).toHaveTextContent('nog geen gegevens');
    const total = screen.getByTestId('total-occupancy');
    expect(total).toHaveTextContent('63 %');
    expect(total).toHaveAttribute('title', expect.stringContaining('in gesprek of nawerk'));
  });

  it('shows a dash for the occupancy of an older server that does not send it', async () => {
    const old = stats();
    delete old.occupancy;
    delete old.busyAgentSeconds;
    delete old.availableAgentSeconds;
    renderDashboard(snapshot({ queues: [queue({ today: old })] }));
    const algemeen = await screen.findByRole('region', { name: 'Algemeen' });
    expect(within(algemeen).getAllByTestId('queue-occupancy')[0]).toHaveTextContent('–');
    expect(agentRow('user-bram')).toHaveTextContent('Alle passende');
  });

  it('applies the socket snapshot and then deltas in sequence, without refetching', async () => {
    const { socket, api } = renderDashboard();
    await screen.findByRole('region', { name: 'Algemeen' });
    act(() => socket.serverEmit('dashboard:snapshot', snapshot({ seq: 10 })));
    await waitFor(() => expect(screen.getByTestId('dashboard')).toHaveAttribute('data-seq', '10'));
    act(() => socket.serverEmit('dashboard:delta', delta(11, { queues: [queue({ waiting: 6 })] })));
    await waitFor(() => expect(within(card('algemeen')).getByTestId('queue-waiting')).toHaveTextContent('6'));
    expect(screen.getByTestId('total-waiting')).toHaveTextContent('6');
    act(() =>
      socket.serverEmit(
        'dashboard:delta',
        delta(12, { queues: [queue({ waiting: 1 })], agents: [agent({ presence: 'pauze' })] }),
      ),
    );
    await waitFor(() => expect(screen.getByTestId('dashboard')).toHaveAttribute('data-seq', '12'));
    expect(within(card('algemeen')).getByTestId('queue-waiting')).toHaveTextContent('1');
    expect(agentRow('user-anna')).toHaveAttribute('data-presence', 'pauze');
    expect(socket.commandsOf('dashboard:resync')).toHaveLength(0);
    expect(api.requestsTo('GET', '/api/dashboard/snapshot')).toHaveLength(1);
  });

  it('asks for a fresh snapshot after a sequence gap, and shows it', async () => {
    const { socket } = renderDashboard();
    await screen.findByRole('region', { name: 'Algemeen' });
    socket.respond('dashboard:resync', () => ({
      ok: true,
      data: snapshot({ seq: 20, queues: [queue({ waiting: 4 }), belastingen()] }),
    }));
    act(() => socket.serverEmit('dashboard:delta', delta(8, { queues: [queue({ waiting: 99 })] })));
    await waitFor(() => expect(socket.commandsOf('dashboard:resync')).toEqual([{}]));
    await waitFor(() => expect(within(card('algemeen')).getByTestId('queue-waiting')).toHaveTextContent('4'));
    expect(screen.getByTestId('dashboard')).toHaveAttribute('data-seq', '20');
  });

  it('resyncs after an invalid push instead of showing it', async () => {
    const { socket } = renderDashboard();
    await screen.findByRole('region', { name: 'Algemeen' });
    socket.respond('dashboard:resync', () => ({ ok: true, data: snapshot({ seq: 30 }) }));
    act(() => socket.serverEmit('dashboard:delta', { seq: 6 } as never));
    await waitFor(() => expect(screen.getByTestId('dashboard')).toHaveAttribute('data-seq', '30'));
  });

  it('falls back to the REST snapshot when the resync gets no answer', async () => {
    const { socket, api } = renderDashboard();
    await screen.findByRole('region', { name: 'Algemeen' });
    socket.respond('dashboard:resync', () => ({ ok: false, error: 'timeout' }));
    act(() => socket.serverEmit('dashboard:delta', delta(9)));
    await waitFor(() => expect(api.requestsTo('GET', '/api/dashboard/snapshot')).toHaveLength(2));
  });

  it('says when the figures may be out of date', async () => {
    const { socket } = renderDashboard();
    await screen.findByRole('region', { name: 'Algemeen' });
    act(() => socket.serverDisconnect());
    await waitFor(() => expect(screen.getByTestId('dashboard-updated')).toHaveTextContent('geen verbinding'));
  });
});

describe('dashboard actions', () => {
  it('requires a reason to put an agent on pauze, then sends it and announces the result', async () => {
    const user = userEvent.setup();
    const { socket } = renderDashboard();
    await screen.findByRole('region', { name: 'Algemeen' });
    socket.respond('agent:set-presence', (payload) => ({
      ok: true,
      data: agent({ presence: 'pauze', presenceReason: (payload as { reason: string }).reason }),
    }));
    const opener = screen.getByRole('button', { name: 'Status van Anna de Vries wijzigen' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Status van medewerker wijzigen' });
    expect(within(dialog).getByRole('radio', { name: 'Pauze' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Status wijzigen' }));
    const reason = within(dialog).getByRole('textbox', { name: 'Reden' });
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(/Geef een reden op/);
    expect(socket.commandsOf('agent:set-presence')).toHaveLength(0);

    await user.type(reason, 'Overleg met teamleider');
    await user.click(within(dialog).getByRole('button', { name: 'Status wijzigen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(socket.commandsOf('agent:set-presence')).toEqual([
      { agentId: 'user-anna', presence: 'pauze', reason: 'Overleg met teamleider' },
    ]);
    expect(screen.getByTestId('dashboard-announcement')).toHaveTextContent(
      'Anna de Vries staat nu op pauze.',
    );
    expect(agentRow('user-anna')).toHaveTextContent('Reden: Overleg met teamleider');
    expect(opener).toHaveFocus();
  });

  it('closes a dialog with Escape and keeps Tab inside it', async () => {
    const user = userEvent.setup();
    renderDashboard();
    await screen.findByRole('region', { name: 'Algemeen' });
    await user.click(screen.getByRole('button', { name: 'Status van Bram Jansen wijzigen' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Status wijzigen' }));
    expect(within(dialog).getByRole('button', { name: 'Status wijzigen' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('radio', { name: 'Pauze' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves an agent to another queue and changes a skill level', async () => {
    const user = userEvent.setup();
    const { socket } = renderDashboard();
    await screen.findByRole('region', { name: 'Algemeen' });
    socket.respond('agent:set-queues', () => ({
      ok: true,
      data: agent({ queueIds: ['belastingen'], skills: { algemeen: 7 } }),
    }));
    await user.click(screen.getByRole('button', { name: 'Wachtrijen van Anna de Vries wijzigen' }));
    const dialog = screen.getByRole('dialog', { name: 'Wachtrijen en vaardigheden wijzigen' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Algemeen' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Belastingen' }));
    const level = within(dialog).getByRole('textbox', { name: 'algemeen' });
    await user.clear(level);
    await user.type(level, '11');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reden' }), 'Drukte bij belastingen');
    await user.click(within(dialog).getByRole('button', { name: 'Opslaan' }));
    expect(level).toHaveAccessibleDescription('Vul een getal van 1 tot en met 10 in.');
    expect(socket.commandsOf('agent:set-queues')).toHaveLength(0);

    await user.clear(level);
    await user.type(level, '7');
    await user.click(within(dialog).getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(socket.commandsOf('agent:set-queues')).toEqual([
      {
        agentId: 'user-anna',
        queueIds: ['belastingen'],
        skills: { algemeen: 7 },
        reason: 'Drukte bij belastingen',
      },
    ]);
    expect(within(agentRow('user-anna')).getByTestId('agent-queues')).toHaveTextContent('Belastingen');
  });

  it('moves a waiting contact only to queues that serve its channel, and shows a refusal in Dutch', async () => {
    const user = userEvent.setup();
    const { socket } = renderDashboard();
    const algemeen = await screen.findByRole('region', { name: 'Algemeen' });
    socket.respond('contact:move', () => ({ ok: false, error: 'not_waiting' }));
    await user.click(within(algemeen).getByText(/^Wachtende contacten \(/));
    await user.click(within(algemeen).getByRole('button', { name: 'Verplaatsen: contact 2, Chat' }));
    let dialog = screen.getByRole('dialog', { name: 'Wachtend contact verplaatsen' });
    expect(dialog).toHaveTextContent('Geen andere wachtrij behandelt Chat.');
    await user.keyboard('{Escape}');

    await user.click(within(algemeen).getByRole('button', { name: 'Verplaatsen: contact 1, Telefoon' }));
    dialog = screen.getByRole('dialog', { name: 'Wachtend contact verplaatsen' });
    expect(within(dialog).getByRole('combobox', { name: 'Naar wachtrij' })).toHaveValue('belastingen');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reden' }), 'Vraag over aanslag');
    await user.click(within(dialog).getByRole('button', { name: 'Verplaatsen' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Dit contact wacht niet meer.');
    expect(socket.commandsOf('contact:move')).toEqual([
      { contactId: 'c-10', toQueueId: 'belastingen', reason: 'Vraag over aanslag' },
    ]);
  });

  it('charts waiting contacts and service level through the day, with the figures as a table', async () => {
    const user = userEvent.setup();
    renderDashboard();
    const chart = await screen.findByRole('img', { name: /^Algemeen: per 15 minuten/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('Nu: 3 wachtend, service level 50 %'));
    // the night before the first contact stays out
    expect(within(chart).getAllByTestId('intraday-bar')).toHaveLength(3);
    await user.click(screen.getByText('Toon als tabel'));
    const rows = within(screen.getByTestId('intraday-table')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Wachtrij' }), 'belastingen');
    expect(await screen.findByRole('img', { name: /^Belastingen:/ })).toBeInTheDocument();
  });

  it('says when the waiting list is cut ("50 van 79") and when it is whole', async () => {
    renderDashboard(snapshot({ queues: [queue({ waiting: 79 }), belastingen()] }));
    const algemeen = await screen.findByRole('region', { name: 'Algemeen' });
    expect(within(algemeen).getByText(/^Wachtende contacten \(/)).toHaveTextContent(
      'Wachtende contacten (2 van 79)',
    );
    expect(within(algemeen).getByTestId('waiting-list-cut')).toHaveTextContent('77 meer wachten nog.');
  });

  it('shows the whole waiting list without a cut notice', async () => {
    renderDashboard();
    const algemeen = await screen.findByRole('region', { name: 'Algemeen' });
    expect(within(algemeen).getByText(/^Wachtende contacten \(/)).toHaveTextContent(
      'Wachtende contacten (2)',
    );
    expect(within(algemeen).queryByTestId('waiting-list-cut')).toBeNull();
  });

  it('raises the priority of a waiting contact within 0–100', async () => {
    const user = userEvent.setup();
    const { socket } = renderDashboard();
    const algemeen = await screen.findByRole('region', { name: 'Algemeen' });
    await user.click(within(algemeen).getByText(/^Wachtende contacten \(/));
    await user.click(within(algemeen).getByRole('button', { name: 'Voorrang geven: contact 1, Telefoon' }));
    const dialog = screen.getByRole('dialog', { name: 'Voorrang geven' });
    const input = within(dialog).getByRole('textbox', { name: 'Voorrang' });
    expect(input).toHaveValue('10');
    await user.clear(input);
    await user.type(input, '500');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reden' }), 'Klant belt voor de derde keer');
    await user.click(within(dialog).getByRole('button', { name: 'Voorrang opslaan' }));
    expect(input).toHaveAccessibleDescription(/Vul een getal van 0 tot en met 100 in./);
    await user.clear(input);
    await user.type(input, '50');
    await user.click(within(dialog).getByRole('button', { name: 'Voorrang opslaan' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(socket.commandsOf('contact:set-priority')).toEqual([
      { contactId: 'c-10', priority: 50, reason: 'Klant belt voor de derde keer' },
    ]);
    expect(screen.getByTestId('dashboard-announcement')).toHaveTextContent('voorrang 50');
  });
});
