export const registrationKeys = {
  all: ['registration'] as const,
  gespreksresultaten: () => [...registrationKeys.all, 'gespreksresultaten'] as const,
  afdelingen: () => [...registrationKeys.all, 'afdelingen'] as const,
  onderwerpen: () => [...registrationKeys.all, 'onderwerpen'] as const,
  nawerkNotitie: (contactId: string) => [...registrationKeys.all, 'nawerk-notitie', contactId] as const,
};
