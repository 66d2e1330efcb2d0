import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TEnv } from '../config/env.js';

// Hearth's one master secret (HEARTH_SECRET_KEY): any string of 32 characters or more (64 hex characters are read
// as 32 bytes). Unset, 32 random bytes are generated on first use and kept in HEARTH_DATA_DIR/secret.key (mode
// 0600), so a single node needs no setup; the key is never stored in the database beside what it protects.
// Several nodes sharing one database must be given the same HEARTH_SECRET_KEY, or one cannot read what another
// sealed. Every feature derives its own key from the master (HKDF, by purpose: 'email-relay', 'signed-urls', …),
// so one purpose's key can never be used for another's data.

const KEY_BYTES = 32;
const KEY_FILE = 'secret.key';
const cache = new Map<string, Buffer>();

/** The key material of a configured or stored key; null when too short to be a secret. */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  return trimmed.length >= KEY_BYTES ? Buffer.from(trimmed, 'utf8') : null;
}

/** The master key: from the environment, else from (or newly written to) the data directory. */
export function loadSecretKey(env: Pick<TEnv, 'HEARTH_SECRET_KEY' | 'HEARTH_DATA_DIR'>): Buffer {
  if (env.HEARTH_SECRET_KEY) {
    const key = parseSecretKey(env.HEARTH_SECRET_KEY);
    if (!key) throw new Error('HEARTH_SECRET_KEY must be at least 32 characters');
    return key;
  }
  const file = path.resolve(env.HEARTH_DATA_DIR, KEY_FILE);
  const cached = cache.get(file);
  if (cached) return cached;
  const key = readOrCreateKeyFile(file);
  cache.set(file, key);
  return key;
}

function readOrCreateKeyFile(file: string): Buffer {
  try {
    return keyFromFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // `wx`: if another process created it meanwhile, keep theirs rather than overwrite a key already in use.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return keyFromFile(file);
}

function keyFromFile(file: string): Buffer {
  const key = parseSecretKey(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (64 hex characters)`);
  return key;
}

/** A key for one purpose, derived from the master key. */
export function deriveKey(env: Pick<TEnv, 'HEARTH_SECRET_KEY' | 'HEARTH_DATA_DIR'>, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', loadSecretKey(env), Buffer.alloc(0), `hearth:${purpose}`, KEY_BYTES));
}

const SEALED_PREFIX = 'v1';

/** AES-256-GCM under the purpose's key: `v1.<iv>.<tag>.<ciphertext>` (base64url), safe to store in a text column. */
export function sealSecret(env: Pick<TEnv, 'HEARTH_SECRET_KEY' | 'HEARTH_DATA_DIR'>, purpose: string, plain: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(env, purpose), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [SEALED_PREFIX, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plaintext of sealSecret's output; throws when the key is wrong or the value was tampered with. */
export function openSecret(
  env: Pick<TEnv, 'HEARTH_SECRET_KEY' | 'HEARTH_DATA_DIR'>,
  purpose: string,
  sealed: string,
): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== SEALED_PREFIX || iv === undefined || tag === undefined || body === undefined) {
    throw new Error('not a sealed secret');
  }
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(env, purpose), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
