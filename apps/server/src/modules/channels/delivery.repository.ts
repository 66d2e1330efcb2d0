import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { CONVERSATION_ITEM_COLUMNS } from '../../db/schema.js';

export type TDeliveryStatus = 'PENDING' | 'SENT' | 'FAILED';

export function findOutboundItem(db: TExecutor, orgId: string, itemId: string) {
  return db
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .where('direction', '=', 'OUTBOUND')
    .executeTakeFirst();
}

/** Settle a pending delivery; a status already settled (a duplicate job) is left alone. */
export async function settleDelivery(
  db: TExecutor,
  orgId: string,
  itemId: string,
  status: Exclude<TDeliveryStatus, 'PENDING'>,
): Promise<void> {
  await db
    .updateTable('conversation_items')
    .set({ delivery_status: status })
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .where('delivery_status', '=', 'PENDING')
    .execute();
}

/**
 * Settle a pending delivery as FAILED and say why in the item's content (`content.deliveryError: {detail,
 * failedAt}`), so the timeline and GET of the item show it. A settled item is left alone.
 */
export async function failDelivery(
  db: TExecutor,
  orgId: string,
  itemId: string,
  failure: { detail: string; failedAt: string },
): Promise<void> {
  await db
    .updateTable('conversation_items')
    .set({
      delivery_status: 'FAILED',
      content: sql`content || jsonb_build_object('deliveryError', ${JSON.stringify(failure)}::jsonb)`,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .where('delivery_status', '=', 'PENDING')
    .execute();
}
