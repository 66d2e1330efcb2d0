import { type Insertable, sql, type Updateable } from 'kysely';
import type { TExecutor, TTransaction } from '../../db/database.js';
import type { WebhooksTable } from '../../db/schema.js';
import type { TAttemptRow, TWebhookRow } from './webhooks.presenter.js';

export const ATTEMPT_LOG_SIZE = 100;

// A fresh cursor: the events of every transaction that has not started yet, never the backlog before.
const CURSOR_NOW = { cursor_xid: sql<string>`pg_snapshot_xmax(pg_current_snapshot())`, cursor_seq: '0' };

export function listWebhooks(db: TExecutor, orgId: string): Promise<TWebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findWebhook(db: TExecutor, orgId: string, id: string): Promise<TWebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function countWebhooks(db: TExecutor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function urlTaken(db: TExecutor, orgId: string, url: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('webhooks').select('id').where('org_id', '=', orgId).where('url', '=', url);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Serialise webhook writes of one org, so the 20-per-org limit and URL uniqueness hold under concurrency. */
export async function lockWebhooksOfOrg(trx: TTransaction, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`webhooks:${orgId}`}))`.execute(trx);
}

export async function insertWebhook(
  trx: TTransaction,
  row: Insertable<WebhooksTable>,
  options: { startCursor: boolean },
): Promise<void> {
  await trx
    .insertInto('webhooks')
    .values({ ...row, ...(options.startCursor ? CURSOR_NOW : {}) })
    .execute();
}

export async function updateWebhook(
  trx: TTransaction,
  orgId: string,
  id: string,
  changes: Updateable<WebhooksTable>,
  options: { startCursor: boolean },
): Promise<void> {
  await trx
    .updateTable('webhooks')
    .set({ ...changes, ...(options.startCursor ? CURSOR_NOW : {}) })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function deleteWebhook(trx: TTransaction, orgId: string, id: string): Promise<void> {
  await trx.deleteFrom('webhooks').where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** After a re-enable: the deliveries that exhausted their retries go out again first, with a fresh schedule. */
export async function requeueFailedDeliveries(trx: TTransaction, orgId: string, webhookId: string, at: Date) {
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'PENDING', attempts: 0, next_attempt_at: at })
    .where('org_id', '=', orgId)
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'FAILED')
    .execute();
}

export async function requeueDelivery(
  db: TExecutor,
  orgId: string,
  webhookId: string,
  deliveryId: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'PENDING', attempts: 0, next_attempt_at: at })
    .where('org_id', '=', orgId)
    .where('webhook_id', '=', webhookId)
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function listAttempts(db: TExecutor, orgId: string, webhookId: string): Promise<TAttemptRow[]> {
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('webhook_id', '=', webhookId)
    .orderBy('seq', 'desc')
    .limit(ATTEMPT_LOG_SIZE)
    .execute();
}
