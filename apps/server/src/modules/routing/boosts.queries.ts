import type { TExecutor } from '../../db/database.js';
import { listBoosts } from './boosts.repository.js';
import type { TBoostCondition, TBoostPoints, TBoostRule } from './engine/routing-types.js';

/** The org's enabled People Match boosts in the engine's shape, for the routing service. */
export async function loadBoostRules(db: TExecutor, orgId: string): Promise<TBoostRule[]> {
  const rows = await listBoosts(db, orgId, { enabledOnly: true });
  return rows.map((r) => ({
    id: r.id,
    points: r.points as TBoostPoints,
    conditions: (Array.isArray(r.conditions) ? r.conditions : []) as TBoostCondition[],
  }));
}
