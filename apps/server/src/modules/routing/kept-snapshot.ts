import type { TExecutor } from '../../db/database.js';
import { readTransactionHorizon } from '../../db/transaction-horizon.js';
import { createRoutingAgents, readAgents, type TRoutingAgents } from './routing-agents.js';
import { createRoutingQueue, readQueueChanges, readWholeQueue, type TRoutingQueue } from './routing-queue.js';
import { listInboxMemberIds, listRoutingChanges, pruneRoutingChanges } from './snapshot.repository.js';

/**
 * What of an org's routing snapshot is kept between runs (docs/ROUTING.md, "Snapshot"): the queue (routing-queue.ts)
 * and the agents (routing-agents.ts). The first read is whole; each later one asks the change journal (migrations
 * 0010 and 0011, written by triggers on every table these reads look at) which items, customers, agents and inboxes
 * changed since the last read, and re-reads only those. On an org of 1,000 agents and 10,000 queued items that is
 * the difference between reading some 15,000 rows per run and reading the handful a message or an accept touched.
 *
 * Completeness: each read takes the transaction horizon H (with the journal's entries, from the same snapshot; before
 * a whole read) and asks the journal for `xid >=` the previous read's H. A transaction below H had ended, so what it
 * changed is visible to this read; one at or past it is asked for again next time. No change is missed however
 * transactions commit out of order.
 */
export interface TKeptSnapshot {
  readonly queue: TRoutingQueue;
  readonly agents: TRoutingAgents;
  /** The horizon of the last read; null: the next read is whole. */
  cursor: bigint | null;
  /** The decline grace (seconds) the kept rejections were read for: a longer one needs a whole read. */
  graceSeconds: number;
  /** When the journal was last pruned below the cursor (epoch ms). */
  prunedAt: number;
}

export function createKeptSnapshot(): TKeptSnapshot {
  return { queue: createRoutingQueue(), agents: createRoutingAgents(), cursor: null, graceSeconds: 0, prunedAt: 0 };
}

/** How often an org's journal entries below the cursor are deleted (a statement; the table stays small). */
const PRUNE_EVERY_MS = 10_000;

export interface TKeptRead {
  /** Whether everything was read (first read, or a longer decline grace). */
  whole: boolean;
  /** Items, customers, agents and inboxes the journal named since the last read (0 for a whole read). */
  changes: number;
}

/** Bring `kept` up to date with the database. `graceSeconds`: the longest decline grace of any inbox. */
export async function refreshKeptSnapshot(
  db: TExecutor,
  orgId: string,
  kept: TKeptSnapshot,
  now: Date,
  graceSeconds: number,
): Promise<TKeptRead> {
  const graceSince = new Date(now.getTime() - graceSeconds * 1000);
  const whole = kept.cursor === null || graceSeconds > kept.graceSeconds;
  let changes = 0;
  let horizon: bigint;
  if (whole) {
    horizon = await readTransactionHorizon(db);
    await settleBoth(
      readWholeQueue(db, orgId, kept.queue, graceSince),
      readAgents(db, orgId, kept.agents, undefined, now),
    );
    kept.graceSeconds = graceSeconds;
  } else {
    const changed = await listRoutingChanges(db, orgId, kept.cursor as bigint);
    horizon = changed.horizon;
    changes = changed.itemIds.length + changed.customerIds.length + changed.agentIds.length + changed.inboxIds.length;
    const agentIds = new Set(changed.agentIds);
    for (const id of await listInboxMemberIds(db, orgId, changed.inboxIds)) agentIds.add(id);
    await settleBoth(
      readQueueChanges(db, orgId, kept.queue, changed, graceSince),
      readAgents(db, orgId, kept.agents, [...agentIds], now),
    );
  }
  kept.cursor = horizon;
  if (now.getTime() - kept.prunedAt >= PRUNE_EVERY_MS) {
    kept.prunedAt = now.getTime();
    await pruneRoutingChanges(db, orgId, horizon);
  }
  return { whole, changes };
}

/**
 * Wait for both halves, then fail if either failed. Promise.all would return at the first failure while the other
 * half went on writing into `kept` during the org's next run, over that run's newer reads. The cursor only moves after
 * both succeed, so a failed read is simply read again next time.
 */
async function settleBoth(a: Promise<void>, b: Promise<void>): Promise<void> {
  for (const result of await Promise.allSettled([a, b])) {
    if (result.status === 'rejected') throw result.reason;
  }
}
