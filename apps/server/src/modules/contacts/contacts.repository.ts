import type { Insertable, Updateable } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { ContactsTable } from '../../db/schema/routing-tables.js';
import type { TConversationRow } from '../../db/schema.js';

// SQL of the contacts module: contact rows and the routing columns of conversations.

export function insertContact(db: TExecutor, row: Insertable<ContactsTable>) {
  return db.insertInto('contacts').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateContact(db: TExecutor, orgId: string, id: string, changes: Updateable<ContactsTable>) {
  return db
    .updateTable('contacts')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findConversationRow(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
}

export function setConversationRouting(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  changes: Partial<Pick<TConversationRow, 'due_at' | 'channel' | 'queued_at' | 'transferred' | 'last_inbound_at'>>,
) {
  return db
    .updateTable('conversations')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .returningAll()
    .executeTakeFirst();
}

export async function findInboxSlaMinutes(db: TExecutor, orgId: string, inboxId: string): Promise<number | null> {
  const row = await db
    .selectFrom('inboxes')
    .select('sla_minutes')
    .where('org_id', '=', orgId)
    .where('id', '=', inboxId)
    .executeTakeFirst();
  return row?.sla_minutes ?? null;
}

export async function findLatestInboundItemId(db: TExecutor, orgId: string, conversationId: string) {
  const row = await db
    .selectFrom('conversation_items')
    .select('id')
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'INBOUND')
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export function lockConversation(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .forUpdate()
    .executeTakeFirst();
}

export function updateConversationState(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  changes: Partial<
    Pick<
      TConversationRow,
      'status' | 'customer_waiting_since' | 'updated_at' | 'due_at' | 'queued_at' | 'transferred' | 'last_inbound_at'
    >
  >,
) {
  return db
    .updateTable('conversations')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
