import type { TExecutor } from '../../db/database.js';
import { deferredWrite } from '../../db/deferred-write.js';
import type { TConversationRow, TConversationUpdate, TNewConversationItem } from '../../db/schema.js';

export interface TConversationDetails {
  conversation: TConversationRow;
  topicIds: string[];
  customAttributes: { id: string; value: string }[];
}

export function findConversation(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<TConversationRow | undefined> {
  let query = db.selectFrom('conversations').selectAll().where('org_id', '=', orgId).where('id', '=', conversationId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A customer's conversations, oldest first; `limit` lets the caller fetch one extra to detect truncation. */
export function listConversationsOfCustomer(
  db: TExecutor,
  orgId: string,
  customerId: string,
  limit: number,
): Promise<TConversationRow[]> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function loadConversationDetails(
  db: TExecutor,
  orgId: string,
  conversations: TConversationRow[],
): Promise<TConversationDetails[]> {
  if (conversations.length === 0) return [];
  const ids = conversations.map((c) => c.id);
  const [topics, attributes] = await Promise.all([
    db
      .selectFrom('conversation_topics')
      .select(['conversation_id', 'topic_id'])
      .where('org_id', '=', orgId)
      .where('conversation_id', 'in', ids)
      .orderBy('added_at')
      .orderBy('topic_id')
      .execute(),
    db
      .selectFrom('conversation_custom_attributes')
      .select(['conversation_id', 'custom_attribute_id', 'value'])
      .where('org_id', '=', orgId)
      .where('conversation_id', 'in', ids)
      .orderBy('added_at')
      .orderBy('custom_attribute_id')
      .orderBy('value')
      .execute(),
  ]);
  return conversations.map((conversation) => ({
    conversation,
    topicIds: topics.filter((t) => t.conversation_id === conversation.id).map((t) => t.topic_id),
    customAttributes: attributes
      .filter((a) => a.conversation_id === conversation.id)
      .map((a) => ({ id: a.custom_attribute_id, value: a.value })),
  }));
}

/** Locks the customer's conversation that is not closed, if any (the unique index allows at most one). */
export function findOpenConversationOfCustomer(
  db: TExecutor,
  orgId: string,
  customerId: string,
): Promise<TConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('status', '<>', 'CLOSED')
    .forUpdate()
    .executeTakeFirst();
}

export function findLatestClosedConversationOfCustomer(
  db: TExecutor,
  orgId: string,
  customerId: string,
): Promise<TConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'CLOSED')
    .orderBy('closed_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertConversation(
  db: TExecutor,
  conversation: {
    orgId: string;
    id: string;
    customerId: string;
    inboxId: string;
    customerWaitingSince: Date | null;
    now: Date;
    /** The routing columns (channel, due date, queue time) when the creating message already settles them. */
    routing?: Pick<TConversationRow, 'channel' | 'last_inbound_at' | 'due_at' | 'queued_at'>;
  },
): Promise<TConversationRow> {
  return db
    .insertInto('conversations')
    .values({
      org_id: conversation.orgId,
      id: conversation.id,
      customer_id: conversation.customerId,
      inbox_id: conversation.inboxId,
      agent_id: null,
      status: 'OPEN',
      customer_waiting_since: conversation.customerWaitingSince,
      created_at: conversation.now,
      updated_at: conversation.now,
      closed_at: null,
      ...conversation.routing,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates a conversation; with `onlyIfStatus` the update applies only while the row still has that status. */
export function updateConversation(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  changes: TConversationUpdate,
  options: { onlyIfStatus?: TConversationRow['status'] } = {},
): Promise<TConversationRow | undefined> {
  let query = db.updateTable('conversations').set(changes).where('org_id', '=', orgId).where('id', '=', conversationId);
  if (options.onlyIfStatus) query = query.where('status', '=', options.onlyIfStatus);
  return query.returningAll().executeTakeFirst();
}

export async function hasOtherOpenConversation(
  db: TExecutor,
  orgId: string,
  customerId: string,
  exceptId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('status', '<>', 'CLOSED')
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findReopenWindowMinutes(db: TExecutor, orgId: string): Promise<number> {
  const org = await db
    .selectFrom('orgs')
    .select('reopen_window_minutes')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return org.reopen_window_minutes;
}

export function findTopics(db: TExecutor, orgId: string, topicIds: string[]) {
  if (topicIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('topics')
    .select(['id', 'disabled'])
    .where('org_id', '=', orgId)
    .where('id', 'in', topicIds)
    .execute();
}

export async function countTopicsOfConversation(db: TExecutor, orgId: string, conversationId: string) {
  const row = await db
    .selectFrom('conversation_topics')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts the topics not yet on the conversation; returns those actually added, in the order given. */
export async function insertConversationTopics(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  topicIds: string[],
  now: Date,
): Promise<string[]> {
  if (topicIds.length === 0) return [];
  const rows = await db
    .insertInto('conversation_topics')
    .values(
      topicIds.map((topicId) => ({ org_id: orgId, conversation_id: conversationId, topic_id: topicId, added_at: now })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('topic_id')
    .execute();
  const added = new Set(rows.map((r) => r.topic_id));
  return topicIds.filter((id) => added.has(id));
}

export async function deleteConversationTopic(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  topicId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('conversation_topics')
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('topic_id', '=', topicId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function findCustomAttributeDefinitionsByKeys(db: TExecutor, orgId: string, keys: string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('custom_attribute_definitions')
    .select(['id', 'key', 'deactivated'])
    .where('org_id', '=', orgId)
    .where('key', 'in', keys)
    .execute();
}

export async function insertConversationCustomAttribute(
  db: TExecutor,
  row: { orgId: string; conversationId: string; customAttributeId: string; value: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('conversation_custom_attributes')
    .values({
      org_id: row.orgId,
      conversation_id: row.conversationId,
      custom_attribute_id: row.customAttributeId,
      value: row.value,
      added_at: row.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('value')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteConversationCustomAttribute(
  db: TExecutor,
  row: { orgId: string; conversationId: string; customAttributeId: string; value: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('conversation_custom_attributes')
    .where('org_id', '=', row.orgId)
    .where('conversation_id', '=', row.conversationId)
    .where('custom_attribute_id', '=', row.customAttributeId)
    .where('value', '=', row.value)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function itemExists(db: TExecutor, orgId: string, itemId: string): Promise<boolean> {
  const row = await db
    .selectFrom('conversation_items')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Deferred (sent with the transaction's next statement, db/deferred-write.ts): a taken id (a client-chosen one) then
 * surfaces there, inside the caller's transaction, which maps it.
 */
export async function insertItem(db: TExecutor, item: TNewConversationItem): Promise<void> {
  await deferredWrite(db, db.insertInto('conversation_items').values(item));
}
