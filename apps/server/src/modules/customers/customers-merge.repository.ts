import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';

// SQL of a customer merge (commands/merge-customers.ts decides what to move and when).

export async function findUnclosedConversationId(db: TExecutor, orgId: string, customerId: string) {
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('status', '<>', 'CLOSED')
    .forUpdate()
    .executeTakeFirst();
  return row?.id;
}

/** Fold one conversation into another: its items, topics and custom attributes move, then it is deleted. */
export async function combineConversations(
  db: TExecutor,
  orgId: string,
  ids: { from: string; into: string },
  intoCustomerId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('conversation_items')
    .set({ conversation_id: ids.into, customer_id: intoCustomerId })
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', ids.from)
    .execute();
  await sql`
    INSERT INTO conversation_topics (org_id, conversation_id, topic_id, added_at)
    SELECT org_id, ${ids.into}, topic_id, added_at FROM conversation_topics
    WHERE org_id = ${orgId} AND conversation_id = ${ids.from}
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`
    INSERT INTO conversation_custom_attributes (org_id, conversation_id, custom_attribute_id, value, added_at)
    SELECT org_id, ${ids.into}, custom_attribute_id, value, added_at FROM conversation_custom_attributes
    WHERE org_id = ${orgId} AND conversation_id = ${ids.from}
    ON CONFLICT DO NOTHING`.execute(db);
  // The combined conversation still needs an agent if either did, and the customer has waited since the earlier
  // of the two unanswered messages (LEAST ignores NULLs).
  await sql`
    UPDATE conversations AS d
    SET status = CASE WHEN s.status = 'OPEN' THEN 'OPEN' ELSE d.status END,
        customer_waiting_since = LEAST(d.customer_waiting_since, s.customer_waiting_since),
        updated_at = ${now}
    FROM conversations AS s
    WHERE d.org_id = ${orgId} AND d.id = ${ids.into} AND s.org_id = ${orgId} AND s.id = ${ids.from}`.execute(db);
  await db.deleteFrom('conversations').where('org_id', '=', orgId).where('id', '=', ids.from).execute();
}

/** Re-home everything the source customer owns that is keyed by customer: conversations, timeline items, tasks. */
export async function moveCustomerRecords(db: TExecutor, orgId: string, fromId: string, toId: string) {
  await db
    .updateTable('conversations')
    .set({ customer_id: toId })
    .where('org_id', '=', orgId)
    .where('customer_id', '=', fromId)
    .execute();
  await db
    .updateTable('conversation_items')
    .set({ customer_id: toId })
    .where('org_id', '=', orgId)
    .where('customer_id', '=', fromId)
    .execute();
  await db
    .updateTable('tasks')
    .set({ customer_id: toId })
    .where('org_id', '=', orgId)
    .where('customer_id', '=', fromId)
    .execute();
}

export async function deleteContactDetails(db: TExecutor, orgId: string, customerId: string) {
  await db.deleteFrom('customer_emails').where('org_id', '=', orgId).where('customer_id', '=', customerId).execute();
  await db.deleteFrom('customer_phones').where('org_id', '=', orgId).where('customer_id', '=', customerId).execute();
}

/**
 * Leave the source as a tombstone pointing at the destination. Earlier tombstones that pointed at the source are
 * re-pointed too, so a redirect is one hop even after a chain of merges.
 */
export async function markMerged(db: TExecutor, orgId: string, sourceId: string, destId: string, now: Date) {
  await db
    .updateTable('customers')
    .set({ merged_into_id: destId, external_customer_id: null, external_customer_ids: '{}', updated_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', sourceId)
    .execute();
  await db
    .updateTable('customers')
    .set({ merged_into_id: destId })
    .where('org_id', '=', orgId)
    .where('merged_into_id', '=', sourceId)
    .execute();
}

export async function setExternalCustomerIds(
  db: TExecutor,
  orgId: string,
  customerId: string,
  ids: Record<string, string>,
) {
  await db
    .updateTable('customers')
    .set({ external_customer_ids: JSON.stringify(ids) })
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .execute();
}
