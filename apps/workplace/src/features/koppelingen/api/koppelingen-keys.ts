/** Query keys of the koppelingen feature (beheerder). */
export const koppelingenKeys = {
  all: ['koppelingen'] as const,
  overzicht: () => [...koppelingenKeys.all, 'overzicht'] as const,
};
