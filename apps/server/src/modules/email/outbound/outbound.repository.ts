import { sql } from 'kysely';
import type { TExecutor, TTransaction } from '../../../db/database.js';
import { CONVERSATION_ITEM_COLUMNS } from '../../../db/schema.js';

// Reads and writes of outbound email: the message being answered, our Message-IDs, the item's attachments.

/** Enough of a raw message to read its headers, without loading a 25 MB body. */
const HEAD_BYTES = 65_536;

export function findItemById(db: TExecutor, orgId: string, itemId: string) {
  return db
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

/** The newest customer email of a conversation up to a moment: the message a reply answers when not named. */
export function findLatestInboundEmail(db: TExecutor, orgId: string, conversationId: string, upTo: Date) {
  return db
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('content_type', '=', 'EMAIL')
    .where('direction', '=', 'INBOUND')
    .where('occurred_at', '<=', upTo)
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
}

/** The stored message an inbound item was made from: its Message-ID and the start of its raw bytes. */
export async function findInboundSource(db: TExecutor, orgId: string, itemId: string) {
  const row = await db
    .selectFrom('inbound_emails')
    .select(['message_id', sql<Buffer>`substring(raw from 1 for ${sql.lit(HEAD_BYTES)})`.as('head')])
    .where('org_id', '=', orgId)
    .where('item_id', '=', itemId)
    .orderBy('received_at')
    .executeTakeFirst();
  return row ? { messageId: row.message_id, head: row.head.toString('latin1') } : null;
}

export function findMessageIdOfItem(db: TExecutor, orgId: string, itemId: string, direction: 'INBOUND' | 'OUTBOUND') {
  return db
    .selectFrom('email_message_ids')
    .select('message_id')
    .where('org_id', '=', orgId)
    .where('item_id', '=', itemId)
    .where('direction', '=', direction)
    .orderBy('created_at')
    .executeTakeFirst()
    .then((row) => row?.message_id ?? null);
}

export function findConversationInboxId(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversations')
    .select('inbox_id')
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .executeTakeFirst()
    .then((row) => row?.inbox_id ?? null);
}

export async function recordOutboundMessageId(
  trx: TTransaction,
  row: { orgId: string; messageId: string; conversationId: string | null; itemId: string },
): Promise<void> {
  await trx
    .insertInto('email_message_ids')
    .values({
      org_id: row.orgId,
      message_id: row.messageId,
      direction: 'OUTBOUND',
      conversation_id: row.conversationId,
      item_id: row.itemId,
    })
    .onConflict((oc) => oc.columns(['org_id', 'message_id']).doNothing())
    .execute();
}

/** Write what was really sent (From, Cc) into the item, so the timeline shows the addresses the mail went to. */
export async function mergeItemContent(
  trx: TTransaction,
  orgId: string,
  itemId: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await trx
    .updateTable('conversation_items')
    .set({ content: sql`content || ${JSON.stringify(patch)}::jsonb` })
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .execute();
}

export function listItemAttachments(db: TExecutor, orgId: string, itemId: string) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('attachment_blobs as b', (join) =>
      join.onRef('b.org_id', '=', 'a.org_id').onRef('b.attachment_id', '=', 'a.id'),
    )
    .select(['a.filename', 'a.content_type', 'a.content_id', 'a.inline', 'b.content'])
    .where('a.org_id', '=', orgId)
    .where('a.item_id', '=', itemId)
    .where('a.redacted_at', 'is', null)
    .orderBy('a.created_at')
    .execute();
}

/** A Send Email API message: on the customer's timeline, outside any conversation, waiting for the worker. */
export async function insertOutboundItem(
  trx: TTransaction,
  item: {
    orgId: string;
    id: string;
    customerId: string;
    initiator: { id: string; type: string };
    occurredAt: Date;
    content: Record<string, unknown>;
  },
): Promise<void> {
  await trx
    .insertInto('conversation_items')
    .values({
      org_id: item.orgId,
      id: item.id,
      customer_id: item.customerId,
      conversation_id: null,
      session_id: null,
      occurred_at: item.occurredAt,
      initiator_id: item.initiator.id,
      initiator_type: item.initiator.type,
      responder_id: null,
      responder_type: null,
      content_type: 'EMAIL',
      content: JSON.stringify(item.content),
      direction: 'OUTBOUND',
      delivery_status: 'PENDING',
      redacted_at: null,
    })
    .execute();
}

/** Who system mail is sent as: the org's first live default-From address, else its first live single address. */
export function findSystemSender(db: TExecutor, orgId: string) {
  return db
    .selectFrom('email_entry_points')
    .select(['address', 'display_name'])
    .where('org_id', '=', orgId)
    .where('kind', '=', 'ADDRESS')
    .where('disabled', '=', false)
    .orderBy('is_default_from', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

/** The addresses of these users that may still be told anything: active, and still holding `role`. */
export async function activeUserEmails(db: TExecutor, orgId: string, userIds: string[], role: string) {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('org_id', '=', orgId)
    .where('id', 'in', userIds)
    .where('active', '=', true)
    .where(sql<boolean>`${role} = ANY(roles)`)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}
