import { type TServerMessage, USER_NOTIFY_CHANNEL } from '@hearth/shared';
import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { deferredWrite } from '../../db/deferred-write.js';
import { notifyInTransaction, OUTBOX_CHANNEL } from '../../events/outbox.js';

/**
 * Queue a message to one user; PostgreSQL delivers it at commit only (never on rollback). Inside withEventBatch it is
 * sent with the batch's events (one round trip fewer).
 */
export async function notifyUser(db: TExecutor, orgId: string, userId: string, message: TServerMessage): Promise<void> {
  await notifyInTransaction(db, USER_NOTIFY_CHANNEL, JSON.stringify({ orgId, userId, message }));
}

/**
 * `notifyUser` for many messages in one statement (delivered at commit, in order). Deferred: it travels with the
 * transaction's next statement, usually its COMMIT (db/deferred-write.ts).
 */
export async function notifyUsers(
  db: TExecutor,
  orgId: string,
  messages: readonly { userId: string; message: TServerMessage }[],
): Promise<void> {
  if (messages.length === 0) return;
  const payloads = messages.map(({ userId, message }) => JSON.stringify({ orgId, userId, message }));
  await deferredWrite(
    db,
    sql`SELECT pg_notify(${USER_NOTIFY_CHANNEL}, payload)
    FROM unnest(${payloads}::text[]) WITH ORDINALITY AS m(payload, n) ORDER BY n`,
  );
}

/** Wake the org's routing engine (the same channel every outbox append notifies). */
export async function wakeRouting(db: TExecutor, orgId: string): Promise<void> {
  await notifyInTransaction(db, OUTBOX_CHANNEL, orgId);
}
