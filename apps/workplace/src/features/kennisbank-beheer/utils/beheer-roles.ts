import type { Role } from '@kcc/contracts/domain';

export type BeheerTab = 'artikelen' | 'kwaliteit' | 'synoniemen' | 'kanalenmatrix' | 'kanaalsturing';

export const BEHEER_TAB_LABELS: Record<BeheerTab, string> = {
  artikelen: 'Artikelen',
  kwaliteit: 'Kwaliteit',
  synoniemen: 'Synoniemen',
  kanalenmatrix: 'Kanalenmatrix',
  kanaalsturing: 'Kanaalsturing',
};

/** What each role may do, as the server enforces it (see the kennisbank module README). */
export function beheerRights(roles: readonly Role[]) {
  const has = (role: Role) => roles.includes(role);
  const editContent = has('beheerder') || has('redacteur');
  return {
    editContent,
    deleteArticles: has('beheerder'),
    editKanalenmatrix: has('beheerder'),
    readKpi: has('beheerder') || has('teamleider'),
  };
}

export function beheerTabs(roles: readonly Role[]): BeheerTab[] {
  const rights = beheerRights(roles);
  return [
    ...(rights.editContent ? (['artikelen', 'synoniemen'] as const) : []),
    'kanalenmatrix',
    ...(rights.readKpi ? (['kanaalsturing'] as const) : []),
    ...(rights.editContent ? (['kwaliteit'] as const) : []),
  ];
}
