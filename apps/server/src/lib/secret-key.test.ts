import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKey, loadSecretKey, openSecret, parseSecretKey, sealSecret } from './secret-key.js';

const env = { HEARTH_SECRET_KEY: 'a'.repeat(40), HEARTH_DATA_DIR: '/nonexistent' };

describe('secret key', () => {
  it('reads 64 hex characters as 32 bytes and any other 32+ character string as its bytes; refuses short ones', () => {
    expect(parseSecretKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseSecretKey('x'.repeat(32))?.toString()).toBe('x'.repeat(32));
    expect(parseSecretKey('short')).toBeNull();
    expect(() => loadSecretKey({ HEARTH_SECRET_KEY: 'short', HEARTH_DATA_DIR: '/x' })).toThrow(/at least 32/);
  });

  it('without HEARTH_SECRET_KEY, generates one key file (0600) and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hearth-key-'));
    const first = loadSecretKey({ HEARTH_SECRET_KEY: undefined, HEARTH_DATA_DIR: dir });
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    expect(loadSecretKey({ HEARTH_SECRET_KEY: undefined, HEARTH_DATA_DIR: dir }).equals(first)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('derives a different key per purpose', () => {
    expect(deriveKey(env, 'a').equals(deriveKey(env, 'b'))).toBe(false);
    expect(deriveKey(env, 'a')).toHaveLength(32);
  });

  it('seals with AES-256-GCM: round-trips, differs each time, refuses another purpose or a tampered value', () => {
    const sealed = sealSecret(env, 'relay', 'p@ss wörd');
    expect(sealed).not.toBe(sealSecret(env, 'relay', 'p@ss wörd'));
    expect(openSecret(env, 'relay', sealed)).toBe('p@ss wörd');
    expect(() => openSecret(env, 'other', sealed)).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = `${v}.${iv}.${tag}.${(body as string).startsWith('A') ? 'B' : 'A'}${(body as string).slice(1)}`;
    expect(() => openSecret(env, 'relay', flipped)).toThrow();
    expect(() => openSecret({ ...env, HEARTH_SECRET_KEY: 'b'.repeat(40) }, 'relay', sealed)).toThrow();
    expect(() => openSecret(env, 'relay', 'garbage')).toThrow(/not a sealed secret/);
  });
});
