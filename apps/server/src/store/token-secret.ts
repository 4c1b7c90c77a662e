import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sharedSecret } from './shared-secrets';
import type { Store } from './store';

/** The token secret a data dir kept before it moved into the store (`token-secret`), if any. */
function dataDirSecret(dataDir: string): string | undefined {
  const file = path.join(dataDir, 'token-secret');
  let secret: string;
  try {
    secret = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (secret.length < 32) throw new Error(`Het bestand ${file} bevat geen geldig geheim.`);
  return secret;
}

/**
 * The token signing secret every instance shares: kept in the store, created once. On the first start with the
 * store, a data dir's old `token-secret` file is imported, so tokens and rating links issued before keep working.
 * `warn`: the data dir holds a different secret than the store (an instance that used to run on its own).
 */
export async function loadOrCreateTokenSecret(
  store: Store,
  dataDir: string,
  warn: (msg: string) => void = () => undefined,
): Promise<string> {
  const fromFile = dataDirSecret(dataDir);
  const { value } = await sharedSecret(
    store,
    'token-secret',
    () => fromFile ?? randomBytes(48).toString('base64url'),
  );
  if (fromFile !== undefined && fromFile !== value) {
    warn(
      `${path.join(dataDir, 'token-secret')} verschilt van het gedeelde geheim in de database; het gedeelde geldt. Tokens van vóór de overstap van dit exemplaar zijn niet meer geldig.`,
    );
  }
  return value;
}
