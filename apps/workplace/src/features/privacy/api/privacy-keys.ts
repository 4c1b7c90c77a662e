export const privacyKeys = {
  all: ['privacy'] as const,
  verwerkingen: (bsn: string, page: number) => [...privacyKeys.all, 'verwerkingen', bsn, page] as const,
  chain: () => [...privacyKeys.all, 'chain'] as const,
};
