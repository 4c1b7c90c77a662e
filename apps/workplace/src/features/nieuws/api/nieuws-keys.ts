/** Query keys of the werkberichten (nieuws) feature. */
export const nieuwsKeys = {
  all: ['nieuws'] as const,
  list: () => [...nieuwsKeys.all, 'list'] as const,
};
