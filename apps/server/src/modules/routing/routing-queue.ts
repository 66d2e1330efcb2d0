import type { TExecutor } from '../../db/database.js';
import { readTransactionHorizon } from '../../db/transaction-horizon.js';
import {
  CHANNEL_GROUP,
  type TChannel,
  type TCustomerAttributeValue,
  type TRejection,
  type TWorkItem,
} from './engine/routing-types.js';
import {
  listRecentRejections,
  listRoutableConversations,
  listRoutableTasks,
  listRoutingChanges,
  pruneRoutingChanges,
  type TConversationItemRow,
  type TQueueFilter,
  type TTaskItemRow,
} from './routing.repository.js';

/**
 * An org's routable queue, kept between routing runs (docs/ROUTING.md, "The queue, kept"). The first read is whole;
 * each later one asks the change journal (migration 0010, written by triggers) which items and customers changed since
 * the last read and re-reads only those. On a 10,000-item queue that is the difference between reading 10,000 rows
 * per run and reading the handful a message or an accept touched (bench/routing, service phase).
 *
 * Completeness: each read takes the transaction horizon H (with the journal's entries, from the same snapshot; before
 * a whole read) and asks the journal for `xid >=` the previous read's H. A transaction below H had ended, so what it
 * changed is visible to this read; one at or past it is asked for again next time. No change is missed however
 * transactions commit out of order.
 */
export interface TRoutingQueue {
  /** Item id → the engine's item: the same object while the item does not change (the engine compares pointers). */
  readonly items: Map<string, TWorkItem>;
  /** Item id → customer id, to re-read a customer's items when its attributes change. */
  readonly customerOf: Map<string, string>;
  /** The horizon of the last read; null: the next read is whole. */
  cursor: bigint | null;
  /** The decline grace (seconds) the cached rejections were read for: a longer one needs a whole read. */
  graceSeconds: number;
  /** When the journal was last pruned below the cursor (epoch ms). */
  prunedAt: number;
}

export function createRoutingQueue(): TRoutingQueue {
  return { items: new Map(), customerOf: new Map(), cursor: null, graceSeconds: 0, prunedAt: 0 };
}

/** How often an org's journal entries below the cursor are deleted (a statement; the table stays small). */
const PRUNE_EVERY_MS = 10_000;

export interface TQueueRead {
  /** Whether the whole queue was read (first read, or a longer decline grace). */
  whole: boolean;
  /** Items and customers the journal named since the last read (0 for a whole read). */
  changes: number;
}

/** Bring `queue` up to date with the database. `graceSeconds`: the longest decline grace of any inbox. */
export async function refreshRoutingQueue(
  db: TExecutor,
  orgId: string,
  queue: TRoutingQueue,
  now: Date,
  graceSeconds: number,
): Promise<TQueueRead> {
  const graceSince = new Date(now.getTime() - graceSeconds * 1000);
  const whole = queue.cursor === null || graceSeconds > queue.graceSeconds;
  let changes = 0;
  let horizon: bigint;
  if (whole) {
    horizon = await readTransactionHorizon(db);
    queue.items.clear();
    queue.customerOf.clear();
    await readInto(db, orgId, queue, undefined, graceSince);
    queue.graceSeconds = graceSeconds;
  } else {
    const changed = await listRoutingChanges(db, orgId, queue.cursor as bigint);
    horizon = changed.horizon;
    changes = changed.itemIds.length + changed.customerIds.length;
    if (changes > 0) {
      // Forget what changed, then read back what of it is routable now.
      for (const id of changed.itemIds) forget(queue, id);
      if (changed.customerIds.length > 0) {
        const customers = new Set(changed.customerIds);
        for (const [itemId, customerId] of queue.customerOf) if (customers.has(customerId)) forget(queue, itemId);
      }
      await readInto(db, orgId, queue, { ids: changed.itemIds, customerIds: changed.customerIds }, graceSince);
    }
  }
  queue.cursor = horizon;
  if (now.getTime() - queue.prunedAt >= PRUNE_EVERY_MS) {
    queue.prunedAt = now.getTime();
    await pruneRoutingChanges(db, orgId, horizon);
  }
  return { whole, changes };
}

function forget(queue: TRoutingQueue, itemId: string): void {
  queue.items.delete(itemId);
  queue.customerOf.delete(itemId);
}

async function readInto(
  db: TExecutor,
  orgId: string,
  queue: TRoutingQueue,
  filter: TQueueFilter,
  graceSince: Date,
): Promise<void> {
  const [conversations, tasks] = await Promise.all([
    listRoutableConversations(db, orgId, filter),
    listRoutableTasks(db, orgId, filter),
  ]);
  const rejections = await listRecentRejections(
    db,
    orgId,
    [...conversations.map((c) => c.id), ...tasks.map((t) => t.id)],
    graceSince,
  );
  const rejectionsOf = new Map<string, { declinedBy: TRejection[]; missedBy: TRejection[] }>();
  for (const r of rejections) {
    const entry = rejectionsOf.get(r.item_id) ?? { declinedBy: [], missedBy: [] };
    (r.status === 'DECLINED' ? entry.declinedBy : entry.missedBy).push({
      agentId: r.agent_id,
      at: r.resolved_at.getTime(),
    });
    rejectionsOf.set(r.item_id, entry);
  }
  for (const c of conversations) {
    const item = conversationItem(c, rejectionsOf.get(c.id));
    if (item) keep(queue, item, c.customer_id);
  }
  for (const task of tasks) keep(queue, taskItem(task, rejectionsOf.get(task.id)), task.customer_id);
}

function keep(queue: TRoutingQueue, item: TWorkItem, customerId: string): void {
  queue.items.set(item.id, item);
  queue.customerOf.set(item.id, customerId);
}

type TRejections = { declinedBy: TRejection[]; missedBy: TRejection[] } | undefined;

const ms = (date: Date | null | undefined): number | null => (date ? date.getTime() : null);

/** Null for a conversation whose channel is unknown: the engine cannot place it in a tier. */
function conversationItem(c: TConversationItemRow, rejected: TRejections): TWorkItem | null {
  if (!c.channel || !(c.channel in CHANNEL_GROUP) || c.channel === 'TASK') return null;
  return {
    id: c.id,
    kind: 'CONVERSATION',
    inboxId: c.inbox_id,
    channel: c.channel as TChannel,
    customerAttributes: attributes(c.customer_attributes),
    topicIds: c.topic_ids,
    dueAt: ms(c.due_at),
    enqueuedAt: ms(c.queued_at) ?? ms(c.customer_waiting_since) ?? 0,
    transferred: c.transferred,
    declinedBy: rejected?.declinedBy ?? [],
    missedBy: rejected?.missedBy ?? [],
  };
}

function taskItem(task: TTaskItemRow, rejected: TRejections): TWorkItem {
  return {
    id: task.id,
    kind: 'TASK',
    inboxId: task.inbox_id,
    channel: 'TASK',
    customerAttributes: attributes(task.customer_attributes),
    topicIds: [],
    dueAt: task.due_at.getTime(),
    enqueuedAt: task.created_at.getTime(),
    transferred: false,
    declinedBy: rejected?.declinedBy ?? [],
    missedBy: rejected?.missedBy ?? [],
  };
}

function attributes(raw: Record<string, unknown> | null): Record<string, TCustomerAttributeValue> {
  const result: Record<string, TCustomerAttributeValue> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      result[key] = value;
    }
  }
  return result;
}
