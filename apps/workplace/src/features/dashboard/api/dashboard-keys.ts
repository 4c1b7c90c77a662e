/** Query keys of the dashboard feature (TkDodo's factory: generic → specific). */
export const dashboardKeys = {
  all: ['dashboard'] as const,
  snapshot: () => [...dashboardKeys.all, 'snapshot'] as const,
  intraday: () => [...dashboardKeys.all, 'intraday'] as const,
};
