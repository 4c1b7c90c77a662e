import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ScryptSlots } from './scrypt-slots';

const KEY_LENGTH = 64;
const COST = 16_384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

/** One scrypt at a time (about 40 ms each): the other thread-pool threads stay free for fsyncs and files. */
export const scryptSlots = new ScryptSlots(1, 20);

/** Too many password checks are waiting already; the caller answers 429. */
export class PasswordCheckBusyError extends Error {
  override name = 'PasswordCheckBusyError';
}

function scryptAsync(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  always = false,
): Promise<Buffer> {
  const run = scryptSlots.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
          err ? reject(err) : resolve(key),
        );
      }),
    always,
  );
  return run ?? Promise.reject(new PasswordCheckBusyError('too many password checks waiting'));
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, COST, BLOCK_SIZE, PARALLELISM, true);
  return [
    'scrypt',
    COST,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | undefined;
/** A hash of a random password: verifying against it costs the same as a real one (no user enumeration by timing). */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
