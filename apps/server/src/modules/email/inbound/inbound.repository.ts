import { sql } from 'kysely';
import type { TExecutor } from '../../../db/database.js';
import type { TInboundEmailStatus } from '../../../db/schema.js';

export interface TEntryPointMatch {
  orgId: string;
  id: string;
  address: string;
  inboxId: string;
}

/**
 * The enabled entry point mail to `address` reaches: the address itself, else its domain (`@acme.com`). Addresses
 * are unique across orgs, so the recipient alone names the org.
 */
export async function findEntryPointForAddress(db: TExecutor, address: string): Promise<TEntryPointMatch | undefined> {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return undefined;
  const domain = `@${address.slice(at + 1)}`;
  const row = await db
    .selectFrom('email_entry_points')
    .select(['org_id', 'id', 'address', 'inbox_id'])
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'ADDRESS'), eb('address', '=', address)]),
        eb.and([eb('kind', '=', 'DOMAIN'), eb('address', '=', domain)]),
      ]),
    )
    // The exact address beats its domain.
    .orderBy(sql`kind = 'ADDRESS'`, 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { orgId: row.org_id, id: row.id, address: row.address, inboxId: row.inbox_id };
}

export function findEntryPointsById(db: TExecutor, entryPointId: string) {
  return db
    .selectFrom('email_entry_points')
    .select(['org_id', 'id', 'address', 'inbox_id', 'inbound_secret_hash', 'disabled'])
    .where('id', '=', entryPointId)
    .execute();
}

export function findEntryPointOfOrg(db: TExecutor, orgId: string, entryPointId: string) {
  return db
    .selectFrom('email_entry_points')
    .select(['id', 'address', 'kind', 'inbox_id'])
    .where('org_id', '=', orgId)
    .where('id', '=', entryPointId)
    .executeTakeFirst();
}

export function listEntryPointsOfOrg(db: TExecutor, orgId: string) {
  return db.selectFrom('email_entry_points').select(['id', 'address', 'kind']).where('org_id', '=', orgId).execute();
}

export async function insertInboundEmail(
  db: TExecutor,
  row: {
    orgId: string;
    id: string;
    entryPointId: string;
    via: 'SMTP' | 'HTTP';
    mailFrom: string;
    rcptTo: string[];
    raw: Buffer;
    receivedAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('inbound_emails')
    .values({
      org_id: row.orgId,
      id: row.id,
      entry_point_id: row.entryPointId,
      via: row.via,
      mail_from: row.mailFrom,
      rcpt_to: row.rcptTo,
      raw: row.raw,
      size_bytes: row.raw.length,
      received_at: row.receivedAt,
    })
    .execute();
}

/** The stored message, locked so two attempts of its job never process it twice. */
export function lockInboundEmail(db: TExecutor, orgId: string, id: string) {
  return db
    .selectFrom('inbound_emails')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function settleInboundEmail(
  db: TExecutor,
  orgId: string,
  id: string,
  outcome: {
    status: TInboundEmailStatus;
    messageId: string | null;
    itemId?: string | null;
    conversationId?: string | null;
    error?: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('inbound_emails')
    .set({
      status: outcome.status,
      message_id: outcome.messageId,
      item_id: outcome.itemId ?? null,
      conversation_id: outcome.conversationId ?? null,
      error: outcome.error ?? null,
      processed_at: outcome.now,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Claim a Message-ID for this org; false when it is already known (sent by us or received before). */
export async function claimMessageId(db: TExecutor, orgId: string, messageId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('email_message_ids')
    .values({ org_id: orgId, message_id: messageId, direction: 'INBOUND', conversation_id: null, item_id: null })
    .onConflict((oc) => oc.doNothing())
    .returning('message_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function linkMessageId(
  db: TExecutor,
  orgId: string,
  messageId: string,
  link: { conversationId: string; itemId: string },
): Promise<void> {
  await db
    .updateTable('email_message_ids')
    .set({ conversation_id: link.conversationId, item_id: link.itemId })
    .where('org_id', '=', orgId)
    .where('message_id', '=', messageId)
    .execute();
}

/** Known Message-IDs among `messageIds` with their conversation: OUTBOUND (ours) rows first. */
export function findThreadedMessageIds(db: TExecutor, orgId: string, messageIds: string[]) {
  return db
    .selectFrom('email_message_ids')
    .select(['message_id', 'direction', 'conversation_id', 'item_id'])
    .where('org_id', '=', orgId)
    .where('message_id', 'in', messageIds)
    .where('conversation_id', 'is not', null)
    .execute();
}

export function findConversationBrief(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversations')
    .select(['id', 'customer_id', 'status'])
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
}

/** An outbound item (by id) of this org, for a bounce to mark failed. */
export async function markItemFailed(db: TExecutor, orgId: string, itemId: string, error: string): Promise<boolean> {
  const updated = await db
    .updateTable('conversation_items')
    .set({
      delivery_status: 'FAILED',
      content: sql`content || jsonb_build_object('deliveryError', ${error}::text)`,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .where('direction', '=', 'OUTBOUND')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

export async function insertAttachment(
  db: TExecutor,
  attachment: {
    orgId: string;
    id: string;
    itemId: string;
    filename: string;
    contentType: string;
    content: Buffer;
    sha256: string;
    contentId: string | null;
    inline: boolean;
  },
): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      org_id: attachment.orgId,
      id: attachment.id,
      item_id: attachment.itemId,
      filename: attachment.filename,
      content_type: attachment.contentType,
      size_bytes: attachment.content.length,
      sha256: attachment.sha256,
      content_id: attachment.contentId,
      inline: attachment.inline,
      redacted_at: null,
    })
    .execute();
  await db
    .insertInto('attachment_blobs')
    .values({ org_id: attachment.orgId, attachment_id: attachment.id, content: attachment.content })
    .execute();
}

/** Messages that could not be read, newest first, for the web app's "unreadable mail" view. */
export function listInboundEmails(db: TExecutor, orgId: string, status: TInboundEmailStatus, limit: number) {
  return db
    .selectFrom('inbound_emails')
    .select(['id', 'entry_point_id', 'received_at', 'via', 'mail_from', 'rcpt_to', 'size_bytes', 'status', 'error'])
    .select(['message_id', 'item_id', 'conversation_id', 'processed_at'])
    .where('org_id', '=', orgId)
    .where('status', '=', status)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
}
