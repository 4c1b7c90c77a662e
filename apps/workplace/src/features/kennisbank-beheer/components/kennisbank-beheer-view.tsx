import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Role } from '@kcc/contracts/domain';
import { ContentChangedContext } from '../api/content-changed';
import { BEHEER_TAB_LABELS, beheerRights, beheerTabs, type BeheerTab } from '../utils/beheer-roles';
import { ArticlesTab } from './articles-tab';
import { KanaalsturingStats } from './kanaalsturing-stats';
import { KanalenmatrixTable } from './kanalenmatrix-table';
import { QualityReport } from './quality-report';
import { SynonymsEditor } from './synonyms-editor';

interface KennisbankBeheerViewProps {
  roles: readonly Role[];
  /** Called after every change, so the search and werkberichten show it at once. */
  onContentChanged: () => void;
}

/** "Beheer kennisbank": tabs by role (articles and synonyms for editors, kanalenmatrix, the KPI). */
export function KennisbankBeheerView({ roles, onContentChanged }: KennisbankBeheerViewProps) {
  const id = useId();
  const tabs = beheerTabs(roles);
  const rights = beheerRights(roles);
  const [current, setCurrent] = useState<BeheerTab>(tabs[0] ?? 'kanalenmatrix');
  const tabRefs = useRef(new Map<BeheerTab, HTMLButtonElement>());

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.indexOf(current);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    setCurrent(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <ContentChangedContext.Provider value={onContentChanged}>
      <div data-testid="kennisbank-beheer" className="space-y-4">
        <h1 className="text-xl font-semibold">
          {rights.editContent ? 'Beheer kennisbank' : 'Kennisbank en kanaalsturing'}
        </h1>
        <div
          role="tablist"
          aria-label="Onderdelen"
          onKeyDown={onTabKeyDown}
          className="flex flex-wrap gap-1 border-b border-slate-300"
        >
          {tabs.map((tab) => (
            <button
              key={tab}
              ref={(el) => {
                if (el) tabRefs.current.set(tab, el);
                else tabRefs.current.delete(tab);
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${tab}`}
              aria-selected={tab === current}
              aria-controls={`${id}-panel`}
              tabIndex={tab === current ? 0 : -1}
              onClick={() => setCurrent(tab)}
              className={`-mb-px rounded-t border px-3 py-1.5 text-sm font-semibold ${
                tab === current
                  ? 'border-slate-300 border-b-white bg-white text-blue-900'
                  : 'border-transparent text-slate-800 hover:bg-slate-200'
              }`}
            >
              {BEHEER_TAB_LABELS[tab]}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${current}`}>
          {current === 'artikelen' && <ArticlesTab canDelete={rights.deleteArticles} />}
          {current === 'kwaliteit' && <QualityReport />}
          {current === 'synoniemen' && <SynonymsEditor />}
          {current === 'kanalenmatrix' && <KanalenmatrixTable canEdit={rights.editKanalenmatrix} />}
          {current === 'kanaalsturing' && <KanaalsturingStats />}
        </div>
      </div>
    </ContentChangedContext.Provider>
  );
}
