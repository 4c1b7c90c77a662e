import './lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppProvider, type AppDependencies } from './app/provider';
import { createQueryClient } from './lib/query-client';
import { resolveServerUrl } from './lib/server-url';
import { createAgentSocket } from './lib/socket';
import './index.css';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

const deps: AppDependencies = {
  serverUrl: await resolveServerUrl(),
  queryClient: createQueryClient(),
  createSocket: createAgentSocket,
};

createRoot(root).render(
  <StrictMode>
    <AppProvider deps={deps}>
      <App />
    </AppProvider>
  </StrictMode>,
);
