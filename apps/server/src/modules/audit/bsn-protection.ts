import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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

/** The audit key of this data dir: 32 random bytes, generated once (mode 0600) and kept there. */
export function loadOrCreateAuditKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'audit-key');
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length < 32) throw new Error(`Het bestand ${file} bevat geen geldige auditsleutel.`);
  return key;
}
