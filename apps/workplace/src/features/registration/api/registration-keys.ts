export const registrationKeys = {
  all: ['registration'] as const,
  gespreksresultaten: () => [...registrationKeys.all, 'gespreksresultaten'] as const,
  afdelingen: () => [...registrationKeys.all, 'afdelingen'] as const,
};
