import type { TExecutor, TTransaction } from '../../db/database.js';
import { CONVERSATION_ITEM_COLUMNS, type TNewConversationItem } from '../../db/schema.js';
import { EXPOSED_ITEM_TYPES } from './item-types.js';

// Items' SQL, plus the few conversation and customer reads and writes a reply needs (clear "customer waiting",
// assign the replier): they change with the item in one transaction, so they live beside it.

export function findItem(db: TExecutor, orgId: string, itemId: string) {
  return db
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

/** Lock the item so a concurrent delete or redact of the same item waits for this one. */
export function findItemForUpdate(trx: TTransaction, orgId: string, itemId: string) {
  return trx
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
}

/** A conversation's exposed items, oldest first (then insertion order); one more than `limit` reveals truncation. */
export function listConversationItems(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  options: { sessionId?: string; limit: number },
) {
  let query = db
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('content_type', 'in', [...EXPOSED_ITEM_TYPES]);
  if (options.sessionId !== undefined) query = query.where('session_id', '=', options.sessionId);
  return query.orderBy('occurred_at').orderBy('seq').limit(options.limit).execute();
}

/** Insert unless the id is taken; null means it was (a reused client id → 409). */
export async function insertItemUnlessTaken(trx: TTransaction, item: TNewConversationItem) {
  const row = await trx
    .insertInto('conversation_items')
    .values(item)
    .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
    .returning(CONVERSATION_ITEM_COLUMNS)
    .executeTakeFirst();
  return row ?? null;
}

export async function deleteItem(trx: TTransaction, orgId: string, itemId: string): Promise<void> {
  await trx.deleteFrom('conversation_items').where('org_id', '=', orgId).where('id', '=', itemId).execute();
}

export async function replaceItemContent(
  trx: TTransaction,
  orgId: string,
  itemId: string,
  changes: { content: Record<string, unknown>; redactedAt: Date },
): Promise<void> {
  await trx
    .updateTable('conversation_items')
    .set({ content: JSON.stringify(changes.content), redacted_at: changes.redactedAt })
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .execute();
}

export function findConversation(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversations')
    .select(['id', 'customer_id', 'inbox_id', 'agent_id', 'status'])
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
}

/** Lock the conversation for a reply, so a concurrent close or reassignment is seen, not overwritten. */
export function findConversationForUpdate(trx: TTransaction, orgId: string, conversationId: string) {
  return trx
    .selectFrom('conversations')
    .select(['id', 'customer_id', 'inbox_id', 'agent_id', 'status'])
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .forUpdate()
    .executeTakeFirst();
}

/** An outbound reply answers the customer: the conversation no longer has a customer waiting. */
export async function markConversationAnswered(
  trx: TTransaction,
  orgId: string,
  conversationId: string,
  changes: { agentId?: string; now: Date },
): Promise<void> {
  await trx
    .updateTable('conversations')
    .set({
      customer_waiting_since: null,
      updated_at: changes.now,
      ...(changes.agentId !== undefined ? { agent_id: changes.agentId } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .execute();
}

/** A customer by id, with where it was merged into (merged profiles keep their row and point onwards). */
export function findCustomerRef(db: TExecutor, orgId: string, customerId: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'merged_into_id'])
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .executeTakeFirst();
}
