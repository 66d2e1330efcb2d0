import type { Selectable } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { RoutingBoostsTable } from '../../db/schema/routing-tables.js';

export type TBoostRow = Omit<Selectable<RoutingBoostsTable>, 'org_id'>;

const COLUMNS = ['id', 'name', 'points', 'conditions', 'enabled', 'created_at'] as const;

export function listBoosts(db: TExecutor, orgId: string, options: { enabledOnly?: boolean } = {}) {
  let query = db.selectFrom('routing_boosts').select(COLUMNS).where('org_id', '=', orgId);
  if (options.enabledOnly) query = query.where('enabled', '=', true);
  return query.orderBy('created_at').orderBy('id').execute();
}

export function findBoost(db: TExecutor, orgId: string, id: string) {
  return db
    .selectFrom('routing_boosts')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertBoost(
  db: TExecutor,
  orgId: string,
  boost: { id: string; name: string; points: number; enabled: boolean; conditions: unknown[] },
): Promise<void> {
  await db
    .insertInto('routing_boosts')
    .values({ org_id: orgId, ...boost, conditions: JSON.stringify(boost.conditions) })
    .execute();
}

export async function updateBoost(
  db: TExecutor,
  orgId: string,
  id: string,
  patch: { name?: string; points?: number; enabled?: boolean; conditions?: unknown[] },
): Promise<number> {
  const { conditions, ...rest } = patch;
  const result = await db
    .updateTable('routing_boosts')
    .set({ ...rest, ...(conditions ? { conditions: JSON.stringify(conditions) } : {}) })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteBoost(db: TExecutor, orgId: string, id: string): Promise<number> {
  const result = await db
    .deleteFrom('routing_boosts')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
