import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sharedSecret } from '../../store/shared-secrets';
import type { Store } from '../../store/store';

/**
 * BSNs in the log are never stored in the clear (LDV asks for an encrypted subject id):
 * - `hmac`: HMAC-SHA256 with a key derived from the audit key, so the privacy officer can search per BSN;
 * - `encrypt`/`decrypt`: AES-256-GCM with a random IV, so the export can show the BSN again.
 * Both keys are derived (HKDF) from one audit key. Losing the key makes the BSNs unreadable and unsearchable.
 */
export interface BsnProtection {
  hmac(bsn: string): string;
  encrypt(bsn: string): string;
  /** undefined when the value was not made with this key or was altered. */
  decrypt(value: string): string | undefined;
}

export function createBsnProtection(auditKey: Buffer): BsnProtection {
  if (auditKey.length < 32) throw new Error('De auditsleutel moet minstens 32 bytes zijn.');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), info, 32));
  const macKey = derive('kcc-audit-bsn-hmac-v1');
  const encKey = derive('kcc-audit-bsn-aes-gcm-v1');
  return {
    hmac: (bsn) => createHmac('sha256', macKey).update(bsn).digest('hex'),
    encrypt(bsn) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(bsn, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        ct.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    decrypt(value) {
      const [version, iv, ct, tag] = value.split('.');
      if (version !== 'v1' || !iv || !ct || !tag) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return undefined;
      }
    },
  };
}

/** A base64url audit key of at least 32 bytes (KCC_AUDIT_KEY, the store, a data dir's old file), else throws. */
export function parseAuditKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64url');
  if (key.length < 32)
    throw new Error(`${source} bevat geen geldige auditsleutel (minstens 32 bytes, base64url).`);
  return key;
}

/** The audit key a data dir kept before it moved into the store (`audit-key`), if any. */
function dataDirAuditKey(dataDir: string): string | undefined {
  const file = path.join(dataDir, 'audit-key');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  parseAuditKey(text, `Het bestand ${file}`);
  return text;
}

/**
 * The audit key every instance shares (one BSN pseudonym per BSN across the cluster): kept in the store, 32 random
 * bytes created once. On the first start with the store a data dir's old `audit-key` file is imported, so the
 * pseudonyms and checkpoint signatures made before stay valid. `warn`: the data dir holds a different key.
 */
export async function loadOrCreateAuditKey(
  store: Store,
  dataDir: string,
  warn: (msg: string) => void = () => undefined,
): Promise<Buffer> {
  const fromFile = dataDirAuditKey(dataDir);
  const { value } = await sharedSecret(
    store,
    'audit-key',
    () => fromFile ?? randomBytes(32).toString('base64url'),
  );
  if (fromFile !== undefined && fromFile !== value) {
    warn(
      `${path.join(dataDir, 'audit-key')} verschilt van de gedeelde auditsleutel in de database; de gedeelde geldt.`,
    );
  }
  return parseAuditKey(value, 'De gedeelde auditsleutel in de database');
}
