/** Query keys of the presence feature (TkDodo's factory: generic → specific). */
export const presenceKeys = {
  all: ['presence'] as const,
  me: () => [...presenceKeys.all, 'me'] as const,
  queueWaiting: () => [...presenceKeys.all, 'queue-waiting'] as const,
};
