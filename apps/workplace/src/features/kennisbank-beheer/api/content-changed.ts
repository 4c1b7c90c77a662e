import { createContext, useContext } from 'react';

/**
 * Called after every successful change, so other views (the kennisbank search, werkberichten) refetch: app/
 * provides it, because their query keys belong to other features.
 */
export const ContentChangedContext = createContext<() => void>(() => {});

export const useContentChanged = () => useContext(ContentChangedContext);
