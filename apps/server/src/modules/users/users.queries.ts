import type { TExecutor } from '../../db/database.js';

/**
 * Reads other modules may use (inbox and team membership). Of the given ids, those that are not active users of
 * the org, in input order; an empty answer means every id names an active user.
 */
export async function findNonActiveUserIds(db: TExecutor, orgId: string, userIds: string[]): Promise<string[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', unique)
    .where('active', '=', true)
    .execute();
  const found = new Set(rows.map((r) => r.id));
  return unique.filter((id) => !found.has(id));
}
