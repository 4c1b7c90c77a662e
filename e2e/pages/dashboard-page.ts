import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The team leader's shell: live dashboard (queues, agents, actions), wallboard and reports. The only place that
 * knows their selectors.
 */
export class DashboardPage {
  readonly dashboard: Locator;
  readonly totalWaiting: Locator;
  /** "Bezetting vandaag" over all agents: the percent, and a sentence for screen readers. */
  readonly totalOccupancy: Locator;
  readonly agentRows: Locator;
  readonly announcement: Locator;
  readonly wallboard: Locator;
  readonly reports: Locator;
  /** The channel strategy's KPIs on the live board (last 30 days). */
  readonly kanaalstrategie: Locator;

  constructor(readonly page: Page) {
    this.dashboard = page.getByTestId('dashboard');
    this.totalWaiting = page.getByTestId('total-waiting');
    this.totalOccupancy = page.getByTestId('total-occupancy');
    this.agentRows = page.getByTestId('agent-row');
    this.announcement = page.getByTestId('dashboard-announcement');
    this.wallboard = page.getByTestId('wallboard');
    this.reports = page.getByTestId('reports');
    this.kanaalstrategie = page.getByTestId('kanaalstrategie');
  }

  /** The team-leader shell is loaded: snapshot in and the `/dashboard` socket connected. */
  async expectReady(): Promise<void> {
    await expect(this.page.locator('[data-app-state="ready"][data-view="teamleider"]')).toBeVisible();
  }

  // ---- queues ----

  queueCard(queueId: string): Locator {
    return this.page.locator(`[data-testid="queue-card"][data-queue="${queueId}"]`);
  }

  waiting(queueId: string): Locator {
    return this.queueCard(queueId).getByTestId('queue-waiting');
  }

  /** "Voor 80 % binnen 30 s nu nodig: N, beschikbaar: M". */
  staffingText(queueId: string): Locator {
    return this.queueCard(queueId).getByTestId('staffing-text');
  }

  /** The "Vandaag" row of a queue's figures table. */
  todayRow(queueId: string): Locator {
    return this.queueCard(queueId)
      .getByTestId('queue-stats')
      .getByRole('row', { name: /^Vandaag/ });
  }

  /** The "Bezetting" cell of a queue's "Vandaag" row: the percent, and a sentence for screen readers. */
  occupancyToday(queueId: string): Locator {
    return this.todayRow(queueId).getByTestId('queue-occupancy');
  }

  // ---- agents ----

  agentRow(name: string): Locator {
    return this.agentRows.filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async changeQueues(agentName: string, queues: { check?: string[]; uncheck?: string[] }, reason: string) {
    await this.page.getByRole('button', { name: `Wachtrijen van ${agentName} wijzigen` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Wachtrijen en vaardigheden wijzigen' });
    await expect(dialog).toBeVisible();
    for (const name of queues.uncheck ?? [])
      await dialog.getByRole('checkbox', { name, exact: true }).uncheck();
    for (const name of queues.check ?? []) await dialog.getByRole('checkbox', { name, exact: true }).check();
    await dialog.getByRole('textbox', { name: 'Reden' }).fill(reason);
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await expect(dialog).toBeHidden();
  }

  async openPresenceDialog(agentName: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Status van ${agentName} wijzigen` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Status van medewerker wijzigen' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  // ---- wallboard ----

  async openWallboard(): Promise<void> {
    await this.page.getByRole('button', { name: 'Wallboard tonen' }).click();
    await expect(this.wallboard).toBeVisible();
  }

  async closeWallboard(): Promise<void> {
    await this.wallboard.getByRole('button', { name: 'Wallboard sluiten' }).click();
    await expect(this.wallboard).toBeHidden();
  }

  // ---- reports ----

  async openReports(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Onderdelen' })
      .getByRole('button', { name: 'Rapportages' })
      .click();
    await expect(this.reports).toBeVisible();
  }

  async showReport(filters: { period?: 'day' | 'week' | 'month'; from: string; to: string }): Promise<void> {
    const form = this.reports.getByRole('form', { name: 'Filters' });
    if (filters.period) await form.getByRole('combobox', { name: 'Periode' }).selectOption(filters.period);
    await form.getByLabel('Van').fill(filters.from);
    await form.getByLabel('Tot en met').fill(filters.to);
    await form.getByRole('button', { name: 'Toon cijfers' }).click();
    await expect(this.reports.getByTestId('report-range')).toHaveText(
      new RegExp(`^${filters.from} tot en met ${filters.to}`),
    );
    await expect(this.reports).toHaveAttribute('data-report-state', 'ready');
  }

  reportTable(caption: 'Cijfers per periode' | 'Cijfers per wachtrij' | 'Cijfers per kanaal'): Locator {
    return this.reports.getByRole('table', { name: caption });
  }

  /** One KPI cell: the row (data-row: bucket start, queue id, channel or "totaal") × the KPI key. */
  reportCell(table: Locator, row: string, kpi: string): Locator {
    return table.locator(`tr[data-row="${row}"] [data-kpi="${kpi}"]`);
  }
}
