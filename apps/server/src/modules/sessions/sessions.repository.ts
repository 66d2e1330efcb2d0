import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { TOrgRow } from '../../db/schema.js';
import type { TOrgSelector } from '../orgs/orgs.repository.js';

export async function insertSession(
  db: TExecutor,
  session: { tokenHash: string; orgId: string; userId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      org_id: session.orgId,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export interface TSessionPrincipalRow {
  userId: string;
  email: string;
  name: string;
  roles: string[];
}

/**
 * The org a request names and, when the session token is one of its own, unexpired and held by an active user, that
 * user: one round trip for what every signed-in request needs first (as findOrgAndTokenPrincipal for API tokens).
 */
export async function findOrgAndSessionPrincipal(
  db: TExecutor,
  selector: TOrgSelector,
  tokenHash: string,
  now: Date,
): Promise<{ org: TOrgRow; principal: TSessionPrincipalRow | null } | undefined> {
  let query = db
    .selectFrom('orgs as o')
    .leftJoin('sessions as s', (join) =>
      join.onRef('s.org_id', '=', 'o.id').on('s.token_hash', '=', tokenHash).on('s.expires_at', '>', now),
    )
    .leftJoin('users as u', (join) =>
      join.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.user_id').on('u.active', '=', true),
    )
    .selectAll('o')
    .select(['u.id as userId', 'u.email as email', 'u.name as userName', 'u.roles as roles']);
  query = 'slug' in selector ? query.where('o.slug', '=', selector.slug) : query.where('o.is_default', '=', true);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const { userId, email, userName, roles, ...org } = row;
  const principal = userId && email && userName !== null && roles ? { userId, email, name: userName, roles } : null;
  return { org, principal };
}

/** The active user behind an unexpired session of this org: one primary-key lookup per request. */
export function findSessionPrincipal(db: TExecutor, orgId: string, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (join) => join.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.user_id'))
    .select(['u.id as userId', 'u.email as email', 'u.name as name', 'u.roles as roles', 's.expires_at as expiresAt'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.org_id', '=', orgId)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export async function deleteSession(db: TExecutor, orgId: string, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('org_id', '=', orgId).where('token_hash', '=', tokenHash).execute();
}

export async function deleteUserSessions(db: TExecutor, orgId: string, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredUserSessions(db: TExecutor, orgId: string, userId: string, now: Date) {
  await db
    .deleteFrom('sessions')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('expires_at', '<=', now)
    .execute();
}

/**
 * Count one login attempt for this email and answer the count and any lock. The count restarts after a lock has
 * run out, or when the previous attempt is older than `windowStart`. One atomic upsert, so parallel attempts are
 * all counted.
 */
export async function countLoginAttempt(
  db: TExecutor,
  orgId: string,
  email: string,
  now: Date,
  windowStart: Date,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const row = await db
    .insertInto('login_failures')
    .values({ org_id: orgId, email, failures: 1, locked_until: null, last_failure_at: now })
    .onConflict((oc) =>
      oc.columns(['org_id', 'email']).doUpdateSet({
        failures: sql<number>`CASE
          WHEN login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= ${now} THEN 1
          WHEN login_failures.locked_until IS NULL AND login_failures.last_failure_at < ${windowStart} THEN 1
          ELSE login_failures.failures + 1 END`,
        locked_until: sql<Date | null>`CASE
          WHEN login_failures.locked_until <= ${now} THEN NULL ELSE login_failures.locked_until END`,
        last_failure_at: now,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { failures: row.failures, lockedUntil: row.locked_until };
}

export async function lockLogin(db: TExecutor, orgId: string, email: string, until: Date): Promise<void> {
  await db
    .updateTable('login_failures')
    .set({ locked_until: until })
    .where('org_id', '=', orgId)
    .where('email', '=', email)
    .execute();
}

export async function clearLoginAttempts(db: TExecutor, orgId: string, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('org_id', '=', orgId).where('email', '=', email).execute();
}
