import type { TExecutor } from '../../db/database.js';
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
  type TConversationItemRow,
  type TQueueFilter,
  type TTaskItemRow,
} from './snapshot.repository.js';

/**
 * The queue half of the snapshot kept between routing runs (kept-snapshot.ts): the routable conversations and tasks
 * with their recent rejections. Read whole once, then only the items and customers the change journal names.
 */
export interface TRoutingQueue {
  /** Item id → the engine's item: the same object while the item does not change (the engine compares pointers). */
  readonly items: Map<string, TWorkItem>;
  /** Item id → customer id, to re-read a customer's items when its attributes change. */
  readonly customerOf: Map<string, string>;
}

export function createRoutingQueue(): TRoutingQueue {
  return { items: new Map(), customerOf: new Map() };
}

/** Read the whole queue into `queue` (emptied first). */
export async function readWholeQueue(db: TExecutor, orgId: string, queue: TRoutingQueue, graceSince: Date) {
  queue.items.clear();
  queue.customerOf.clear();
  await readInto(db, orgId, queue, undefined, graceSince);
}

/** Forget the named items and the items of the named customers, then read back those that are routable now. */
export async function readQueueChanges(
  db: TExecutor,
  orgId: string,
  queue: TRoutingQueue,
  changed: { itemIds: readonly string[]; customerIds: readonly string[] },
  graceSince: Date,
): Promise<void> {
  if (changed.itemIds.length === 0 && changed.customerIds.length === 0) return;
  for (const id of changed.itemIds) forget(queue, id);
  if (changed.customerIds.length > 0) {
    const customers = new Set(changed.customerIds);
    for (const [itemId, customerId] of queue.customerOf) if (customers.has(customerId)) forget(queue, itemId);
  }
  await readInto(db, orgId, queue, { ids: changed.itemIds, customerIds: changed.customerIds }, graceSince);
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
