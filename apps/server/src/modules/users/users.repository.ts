import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { TOrgRow, TUserRow } from '../../db/schema.js';
import type { TOrgSelector } from '../orgs/orgs.repository.js';

export interface TTokenPrincipalRow {
  tokenId: string;
  lastUsedAt: Date | null;
  userId: string;
  email: string;
  name: string;
  roles: string[];
}

/**
 * The org a request names and, when the token is one of its own, unrevoked and held by an active user, that user:
 * one round trip for what every API request needs before it can do anything.
 */
export async function findOrgAndTokenPrincipal(
  db: TExecutor,
  selector: TOrgSelector,
  tokenHash: string,
): Promise<{ org: TOrgRow; principal: TTokenPrincipalRow | null } | undefined> {
  let query = db
    .selectFrom('orgs as o')
    .leftJoin('api_tokens as t', (join) =>
      join.onRef('t.org_id', '=', 'o.id').on('t.token_hash', '=', tokenHash).on('t.revoked_at', 'is', null),
    )
    .leftJoin('users as u', (join) =>
      join.onRef('u.org_id', '=', 't.org_id').onRef('u.id', '=', 't.user_id').on('u.active', '=', true),
    )
    .selectAll('o')
    .select([
      't.id as tokenId',
      't.last_used_at as lastUsedAt',
      'u.id as userId',
      'u.email as email',
      'u.name as userName',
      'u.roles as roles',
    ]);
  query = 'slug' in selector ? query.where('o.slug', '=', selector.slug) : query.where('o.is_default', '=', true);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const { tokenId, lastUsedAt, userId, email, userName, roles, ...org } = row;
  const principal =
    tokenId && userId && email && userName !== null && roles
      ? { tokenId, lastUsedAt, userId, email, name: userName, roles }
      : null;
  return { org, principal };
}

export async function touchTokenLastUsed(db: TExecutor, orgId: string, tokenId: string, at: Date): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', tokenId)
    .execute();
}

export function findUserByEmail(db: TExecutor, orgId: string, email: string): Promise<TUserRow | undefined> {
  return db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: TExecutor, orgId: string, userId: string): Promise<TUserRow | undefined> {
  return db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

export function insertUser(
  db: TExecutor,
  user: { orgId: string; id: string; email: string; name: string; passwordHash: string | null; roles: string[] },
): Promise<TUserRow> {
  return db
    .insertInto('users')
    .values({
      org_id: user.orgId,
      id: user.id,
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      roles: user.roles,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertApiToken(
  db: TExecutor,
  token: { orgId: string; id: string; userId: string; name: string; tokenHash: string },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      org_id: token.orgId,
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

export function listUsers(db: TExecutor, orgId: string): Promise<TUserRow[]> {
  return db.selectFrom('users').selectAll().where('org_id', '=', orgId).orderBy('name').orderBy('id').execute();
}

export async function updateUserRow(
  db: TExecutor,
  orgId: string,
  userId: string,
  changes: { name?: string; roles?: string[]; active?: boolean },
  at: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.roles !== undefined ? { roles: changes.roles } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      updated_at: at,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .execute();
}

export async function countActiveAdministrators(db: TExecutor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where((eb) => eb(eb.val('ADMINISTRATOR'), '=', eb.fn.any('roles')))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serialize role and activation changes of an org so "at least one administrator" holds under concurrency. */
export async function lockUsersOfOrg(db: TExecutor, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`users:${orgId}`}, 0))`.execute(db);
}

/** A user's tokens that still work; never the hash. */
export function listLiveApiTokensOfUser(db: TExecutor, orgId: string, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function revokeApiTokenOfUser(
  db: TExecutor,
  orgId: string,
  userId: string,
  tokenId: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
