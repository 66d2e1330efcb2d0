import { type TServerMessage, USER_NOTIFY_CHANNEL } from '@hearth/shared';
import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { OUTBOX_CHANNEL } from '../../events/outbox.js';

/** Tell the user's open tabs (through the realtime gateway) that their presence changed, so they refetch it. */
export async function notifyPresenceChanged(db: TExecutor, orgId: string, userId: string): Promise<void> {
  const message: TServerMessage = { type: 'presence', userId };
  await sql`SELECT pg_notify(${USER_NOTIFY_CHANNEL}, ${JSON.stringify({ orgId, userId, message })})`.execute(db);
}

/** Wake the org's routing engine after a change it reads but that appends no event (profile, settings, boosts). */
export async function wakeOrgRouting(db: TExecutor, orgId: string): Promise<void> {
  await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, ${orgId})`.execute(db);
}
