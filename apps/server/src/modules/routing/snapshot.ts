import type { TExecutor } from '../../db/database.js';
import { loadBoostRules } from './boosts.queries.js';
import type { TRoutingSnapshot } from './engine/routing-types.js';
import { createKeptSnapshot, refreshKeptSnapshot, type TKeptRead, type TKeptSnapshot } from './kept-snapshot.js';
import { loadRoutingConfig } from './routing-settings.queries.js';
import type { TPendingOfferRow } from './snapshot.repository.js';
import { maxGraceSeconds } from './snapshot-config.js';

export interface TLoadedSnapshot {
  snapshot: TRoutingSnapshot;
  orphanOffers: TPendingOfferRow[];
  /** Boost id → name, so CONTACT/OFFERED can list the names of the boosts that applied (spec 5.6). */
  boostNames: Map<string, string>;
  /** How the kept part was read: whole, or the changes since the last run (kept-snapshot.ts). */
  keptRead: TKeptRead;
}

/**
 * The engine's view of one org. Settings and boosts are read on every run (a few rows); the agents and the queue are
 * kept in `kept` between runs and only their changes are read (kept-snapshot.ts). Without `kept` (tests, one-off
 * runs) everything is read whole.
 */
export async function loadRoutingSnapshot(
  db: TExecutor,
  orgId: string,
  now: Date,
  kept: TKeptSnapshot = createKeptSnapshot(),
): Promise<TLoadedSnapshot> {
  const config = await loadRoutingConfig(db, orgId);
  // allSettled, not all: a failed boost read must not end the run while the refresh still writes into `kept`.
  const [boosts, refreshed] = await Promise.allSettled([
    readBoostRulesWithNames(db, orgId),
    refreshKeptSnapshot(db, orgId, kept, now, maxGraceSeconds(config)),
  ]);
  if (boosts.status === 'rejected') throw boosts.reason;
  if (refreshed.status === 'rejected') throw refreshed.reason;
  const boostRows = boosts.value;
  const keptRead = refreshed.value;
  const { agents, sessions, pending } = kept.agents;
  // Pending offers whose agent is no longer an active agent, or whose item is no longer routable (assigned by hand,
  // closed, marked No Reply Needed meanwhile): the caller withdraws them instead of letting them run out.
  const orphanOffers = [...pending.values()].filter((p) => !agents.has(p.agent_id) || !kept.queue.items.has(p.item_id));
  return {
    orphanOffers,
    keptRead,
    snapshot: {
      agents: [...agents.values()],
      items: [...kept.queue.items.values()],
      sessions: [...sessions.values()].flat(),
      boosts: boostRows.rules,
      config,
    },
    boostNames: boostRows.names,
  };
}

async function readBoostRulesWithNames(db: TExecutor, orgId: string) {
  const [rules, names] = await Promise.all([
    loadBoostRules(db, orgId),
    db.selectFrom('routing_boosts').select(['id', 'name']).where('org_id', '=', orgId).execute(),
  ]);
  return { rules, names: new Map(names.map((n) => [n.id, n.name])) };
}
