import type { TAppContext } from '../../../app-context.js';
import type { TTransaction } from '../../../db/database.js';
import { newId } from '../../../lib/ids.js';
import {
  SYSTEM_EMAIL_JOB,
  SYSTEM_EMAIL_RETRY,
  type TSystemEmailJobData,
} from '../../email/outbound/system-email.worker.js';
import { activeApiUsers, insertNotifications } from './delivery.repository.js';

export interface TNotice {
  kind: string;
  title: string;
  body: string;
}

/**
 * Tell every active API User of the org, in the transaction that made the change (product spec 14.1): an in-app
 * notification record each, and an email to the same users. The email is a job committed with the records, sent
 * later through the org's relay when it has one: a relay that is missing or down never holds up the change itself.
 */
export async function notifyApiUsers(
  ctx: TAppContext,
  trx: TTransaction,
  orgId: string,
  notice: TNotice,
  at: Date,
): Promise<number> {
  const users = await activeApiUsers(trx, orgId);
  if (users.length === 0) return 0;
  await insertNotifications(
    trx,
    users.map((u) => ({ org_id: orgId, id: newId(), user_id: u.id, ...notice, created_at: at })),
  );
  const email: TSystemEmailJobData = {
    orgId,
    userIds: users.map((u) => u.id),
    role: 'API_USER',
    subject: notice.title,
    text: notice.body,
  };
  await ctx.jobs.send(trx, SYSTEM_EMAIL_JOB, email, SYSTEM_EMAIL_RETRY);
  return users.length;
}
