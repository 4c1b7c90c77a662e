export const klantbeeldKeys = {
  all: ['klantbeeld'] as const,
  details: () => [...klantbeeldKeys.all, 'detail'] as const,
  detail: (contactId: string) => [...klantbeeldKeys.details(), contactId] as const,
  partijSearches: () => [...klantbeeldKeys.all, 'partij-search'] as const,
  partijSearch: (q: string) => [...klantbeeldKeys.partijSearches(), q] as const,
};
