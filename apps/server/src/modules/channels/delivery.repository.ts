import type { TExecutor } from '../../db/database.js';

export type TDeliveryStatus = 'PENDING' | 'SENT' | 'FAILED';

export function findOutboundItem(db: TExecutor, orgId: string, itemId: string) {
  return db
    .selectFrom('conversation_items')
    .selectAll()
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
