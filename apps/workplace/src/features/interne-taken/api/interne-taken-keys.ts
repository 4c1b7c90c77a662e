export const interneTakenKeys = {
  all: ['interne-taken'] as const,
  mine: () => [...interneTakenKeys.all, 'mine'] as const,
};
