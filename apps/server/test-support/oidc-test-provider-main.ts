/**
 * The test identity provider as a process (end-to-end tests, or trying OIDC login by hand):
 *   node --import tsx apps/server/test-support/oidc-test-provider-main.ts
 * Prints one JSON line `{"issuer", "clientId", "roleMap"}`; accounts: TEST_ACCOUNTS (log in as `anna`, `tess`,
 * `piet` (no mapped role) or `zonder` (no e-mail), any password).
 */
import { startTestProvider, TEST_ROLE_MAP } from './oidc-test-provider';

const provider = await startTestProvider();
process.stdout.write(
  `${JSON.stringify({ issuer: provider.issuer, clientId: provider.clientId, roleMap: TEST_ROLE_MAP })}\n`,
);
const stop = () => void provider.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
