export const klantZoekenKeys = {
  all: ['klant-zoeken'] as const,
  doelen: () => [...klantZoekenKeys.all, 'doelen'] as const,
};
