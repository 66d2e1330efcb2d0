import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../lib/sha256.js';

/**
 * Sessions last a FIXED 12 hours from login (one long shift), then the user signs in again. Fixed rather than
 * sliding: a stolen cookie is worth at most 12 hours, and requests never write to the sessions table.
 */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** 32 random bytes for the cookie; only their SHA-256 is stored, so a database leak opens no session. */
export function issueSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return sha256Hex(token);
}
