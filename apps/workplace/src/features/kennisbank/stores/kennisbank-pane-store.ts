import { create } from 'zustand';
import type { ArticleType } from '@kcc/contracts/kennisbank';

interface KennisbankPaneState {
  open: boolean;
  /** What the agent typed (kept while the pane is closed, so Ctrl+K brings the last search back). */
  query: string;
  type: ArticleType | '';
  /** The article shown beside the contact, or null for the result list. */
  articleId: string | null;
  /** Increases on every request to put focus in the search field (Ctrl+K while the pane is open). */
  focusRequest: number;
  actions: {
    /** Ctrl+K or the header button: open the pane on the search field. */
    searchRequested: () => void;
    paneClosed: () => void;
    queryChanged: (query: string) => void;
    typeChanged: (type: ArticleType | '') => void;
    /** From a result or a suggestion: the pane opens (if closed) on this article. */
    articleOpened: (articleId: string) => void;
    /** Back to the results. */
    articleClosed: () => void;
    sessionEnded: () => void;
  };
}

const initial = { open: false, query: '', type: '' as const, articleId: null, focusRequest: 0 };

const useKennisbankPaneStore = create<KennisbankPaneState>()((set) => ({
  ...initial,
  actions: {
    searchRequested: () => set((s) => ({ open: true, articleId: null, focusRequest: s.focusRequest + 1 })),
    paneClosed: () => set({ open: false, articleId: null }),
    queryChanged: (query) => set({ query, articleId: null }),
    typeChanged: (type) => set({ type, articleId: null }),
    articleOpened: (articleId) => set({ open: true, articleId }),
    articleClosed: () => set((s) => ({ articleId: null, focusRequest: s.focusRequest + 1 })),
    sessionEnded: () => set(initial),
  },
}));

export const useKennisbankPaneOpen = () => useKennisbankPaneStore((s) => s.open);
export const useKennisbankQuery = () => useKennisbankPaneStore((s) => s.query);
export const useKennisbankType = () => useKennisbankPaneStore((s) => s.type);
export const useOpenArticleId = () => useKennisbankPaneStore((s) => s.articleId);
export const useSearchFocusRequest = () => useKennisbankPaneStore((s) => s.focusRequest);
export const useKennisbankPaneActions = () => useKennisbankPaneStore((s) => s.actions);
export const kennisbankPaneActions = useKennisbankPaneStore.getState().actions;
