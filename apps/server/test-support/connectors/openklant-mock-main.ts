/**
 * The Open Klant mock as a process, for end-to-end tests and for trying Open Klant mode by hand:
 *   node --import tsx apps/server/test-support/connectors/openklant-mock-main.ts
 * Prints one JSON line `{"base", "token"}`; seeds Fatima El Amrani (BSN 999993653, 0612345678).
 * On SIGTERM / SIGINT it exits with 1 when any request or response broke klantinteracties-v1.yaml.
 */
import { OPENKLANT_TOKEN, startOpenKlantMock } from './openklant-mock';

const mock = await startOpenKlantMock();
mock.seedPartij({
  bsn: '999993653',
  naam: { voornaam: 'Fatima', achternaam: 'El Amrani' },
  telefoon: '0612345678',
});
process.stdout.write(`${JSON.stringify({ base: mock.base, token: OPENKLANT_TOKEN })}\n`);

const stop = async () => {
  const violations = mock.violations;
  await mock.close();
  if (violations.length > 0) process.stderr.write(`${JSON.stringify(violations, null, 2)}\n`);
  process.exit(violations.length > 0 ? 1 : 0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
