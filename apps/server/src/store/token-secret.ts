import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The token signing secret of this data dir: generated once, kept in the data dir so tokens survive restarts. */
export function loadOrCreateTokenSecret(dataDir: string): string {
  const file = path.join(dataDir, 'token-secret');
  try {
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`Het bestand ${file} bevat geen geldig geheim.`);
  return secret;
}
