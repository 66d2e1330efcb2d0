import type { TTransaction } from '../../../db/database.js';
import { newId } from '../../../lib/ids.js';
import { activeApiUsers, insertNotifications } from './delivery.repository.js';

export interface TNotice {
  kind: string;
  title: string;
  body: string;
}

/**
 * Tell every active API User of the org, in the transaction that made the change: today an in-app notification
 * record each. When outbound mail exists, the email to the same users is sent from here (product spec 14.1).
 */
export async function notifyApiUsers(trx: TTransaction, orgId: string, notice: TNotice, at: Date): Promise<number> {
  const users = await activeApiUsers(trx, orgId);
  await insertNotifications(
    trx,
    users.map((u) => ({ org_id: orgId, id: newId(), user_id: u.id, ...notice, created_at: at })),
  );
  return users.length;
}
