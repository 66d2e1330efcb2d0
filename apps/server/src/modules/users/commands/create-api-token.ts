import { randomBytes } from 'node:crypto';
import type { TDatabase } from '../../../db/database.js';
import { badRequest, forbidden, notFound } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { sha256Hex } from '../../../lib/sha256.js';
import { findUserById, insertApiToken } from '../users.repository.js';

/**
 * Mint an API token for a user with the API User role. The token text is returned once and only its SHA-256 is
 * stored: 32 random bytes carry enough entropy that a fast hash is safe (no password stretching needed).
 */
export async function createApiToken(
  db: TDatabase,
  input: { orgId: string; userId: string; name: string },
): Promise<{ id: string; token: string }> {
  const user = await findUserById(db, input.orgId, input.userId);
  if (!user?.active) throw notFound('user does not exist');
  if (!user.roles.includes('API_USER')) throw forbidden('only users with the API User role can create API tokens');
  const name = input.name.trim();
  if (!name) throw badRequest('blank', 'name cannot be blank', 'name');
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  await insertApiToken(db, { orgId: input.orgId, id, userId: user.id, name, tokenHash: sha256Hex(token) });
  return { id, token };
}
