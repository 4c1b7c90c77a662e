export const klantbeeldKeys = {
  all: ['klantbeeld'] as const,
  details: () => [...klantbeeldKeys.all, 'detail'] as const,
  detail: (contactId: string) => [...klantbeeldKeys.details(), contactId] as const,
  partijSearches: () => [...klantbeeldKeys.all, 'partij-search'] as const,
  partijSearch: (q: string, contactId = '') => [...klantbeeldKeys.partijSearches(), q, contactId] as const,
  /** Klantbeelden opened from the registers (search), apart from `details` so contact pushes never refetch them. */
  registerViews: () => [...klantbeeldKeys.all, 'register'] as const,
  registerView: (soort: string, id: string, doel: string) =>
    [...klantbeeldKeys.registerViews(), soort, id, doel] as const,
};
