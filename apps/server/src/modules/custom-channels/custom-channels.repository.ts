import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { deferredWrite } from '../../db/deferred-write.js';
import { CONVERSATION_ITEM_COLUMNS } from '../../db/schema.js';
import { CUSTOM_CHANNEL_ITEM_TYPE } from './custom-channel-content.js';

export function findCustomChannel(db: TExecutor, orgId: string, id: string) {
  return db
    .selectFrom('custom_channels')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listCustomChannels(db: TExecutor, orgId: string) {
  return db.selectFrom('custom_channels').selectAll().where('org_id', '=', orgId).orderBy('name').execute();
}

export async function insertCustomChannel(
  db: TExecutor,
  row: { orgId: string; id: string; name: string; inboxId: string; companyAddresses: string[]; now: Date },
): Promise<void> {
  await db
    .insertInto('custom_channels')
    .values({
      org_id: row.orgId,
      id: row.id,
      name: row.name,
      inbox_id: row.inboxId,
      company_addresses: row.companyAddresses,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function updateCustomChannel(
  db: TExecutor,
  orgId: string,
  id: string,
  changes: { name?: string; inboxId?: string; companyAddresses?: string[]; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('custom_channels')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.inboxId !== undefined ? { inbox_id: changes.inboxId } : {}),
      ...(changes.companyAddresses !== undefined ? { company_addresses: changes.companyAddresses } : {}),
      updated_at: changes.now,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function inboxExists(db: TExecutor, orgId: string, inboxId: string) {
  return db
    .selectFrom('inboxes')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', inboxId)
    .executeTakeFirst()
    .then(Boolean);
}

/** The identity row of a sender on a channel, with its customer's merge pointer to follow. */
export function findIdentity(db: TExecutor, orgId: string, channelId: string, address: string) {
  return db
    .selectFrom('custom_channel_identities as i')
    .innerJoin('customers as c', (join) => join.onRef('c.org_id', '=', 'i.org_id').onRef('c.id', '=', 'i.customer_id'))
    .select(['i.id', 'i.customer_id', 'c.merged_into_id'])
    .where('i.org_id', '=', orgId)
    .where('i.custom_channel_id', '=', channelId)
    .where('i.address', '=', address)
    .executeTakeFirst();
}

/**
 * Insert unless the address is already known; the caller re-reads to learn the winner of a race. Deferred (sent
 * with the transaction's next statement): nothing of its answer is needed.
 */
export async function insertIdentity(
  db: TExecutor,
  row: { orgId: string; id: string; channelId: string; address: string; customerId: string; now: Date },
): Promise<void> {
  await deferredWrite(
    db,
    db
      .insertInto('custom_channel_identities')
      .values({
        org_id: row.orgId,
        id: row.id,
        custom_channel_id: row.channelId,
        address: row.address,
        customer_id: row.customerId,
        created_at: row.now,
      })
      .onConflict((oc) => oc.columns(['org_id', 'custom_channel_id', 'address']).doNothing()),
  );
}

export async function repointIdentity(db: TExecutor, orgId: string, id: string, customerId: string): Promise<void> {
  await db
    .updateTable('custom_channel_identities')
    .set({ customer_id: customerId })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** An outbound custom channel item of this channel, locked for a status change. */
export function findOutboundMessageForUpdate(db: TExecutor, orgId: string, channelId: string, messageId: string) {
  return db
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', messageId)
    .where('direction', '=', 'OUTBOUND')
    .where('content_type', '=', CUSTOM_CHANNEL_ITEM_TYPE)
    .where(sql<string>`content->>'customChannelId'`, '=', channelId)
    .forUpdate()
    .executeTakeFirst();
}

/** A still-pending outbound item, locked: the delivery adapter publishes it exactly once. */
export function findPendingItemForUpdate(db: TExecutor, orgId: string, itemId: string) {
  return db
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .where('delivery_status', '=', 'PENDING')
    .forUpdate()
    .executeTakeFirst();
}

export async function setItemStatus(
  db: TExecutor,
  orgId: string,
  itemId: string,
  change: { deliveryStatus: string; status: { value: string; details?: string } },
): Promise<void> {
  await db
    .updateTable('conversation_items')
    .set({
      delivery_status: change.deliveryStatus,
      content: sql`jsonb_set(content, '{status}', ${JSON.stringify(change.status)}::jsonb)`,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .execute();
}

export async function setItemAttachments(db: TExecutor, orgId: string, itemId: string, attachments: unknown[]) {
  await db
    .updateTable('conversation_items')
    .set({ content: sql`jsonb_set(content, '{attachments}', ${JSON.stringify(attachments)}::jsonb)` })
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .execute();
}
