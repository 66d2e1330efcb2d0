import type { TBoostRow } from './boosts.repository.js';

export function presentBoost(row: Pick<TBoostRow, 'id' | 'name' | 'points' | 'enabled' | 'conditions'>) {
  return {
    id: row.id,
    name: row.name,
    points: row.points,
    enabled: row.enabled,
    conditions: (Array.isArray(row.conditions) ? row.conditions : []) as Record<string, unknown>[],
  };
}
