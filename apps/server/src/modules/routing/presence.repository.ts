import type { Selectable, Updateable } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { AgentPresenceTable } from '../../db/schema/routing-tables.js';

export type TPresenceRow = Selectable<AgentPresenceTable>;
export type TPresencePatch = Updateable<AgentPresenceTable>;

/**
 * Create the presence row of a user of the org if it is missing (defaults of migration 0007). Inserts nothing when
 * the user does not exist in this org, so callers learn "no such user" from the following read.
 */
export async function ensurePresenceRow(db: TExecutor, orgId: string, userId: string): Promise<void> {
  await db
    .insertInto('agent_presence')
    .columns(['org_id', 'user_id'])
    .expression((eb) =>
      eb
        .selectFrom('users')
        .select([eb.val(orgId).as('org_id'), eb.val(userId).as('user_id')])
        .where('org_id', '=', orgId)
        .where('id', '=', userId),
    )
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
    .execute();
}

export async function findPresence(db: TExecutor, orgId: string, userId: string): Promise<TPresenceRow | undefined> {
  return db
    .selectFrom('agent_presence')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The row locked for update inside a command's transaction. */
export async function lockPresence(db: TExecutor, orgId: string, userId: string): Promise<TPresenceRow | undefined> {
  return db
    .selectFrom('agent_presence')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function listPresences(db: TExecutor, orgId: string, userIds: string[]): Promise<TPresenceRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('agent_presence')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', 'in', userIds)
    .execute();
}

export async function updatePresence(
  db: TExecutor,
  orgId: string,
  userId: string,
  patch: TPresencePatch,
  now: Date,
): Promise<void> {
  await db
    .updateTable('agent_presence')
    .set({ ...patch, updated_at: now })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
}
