import { sql } from 'kysely';
import type { TExecutor, TTransaction } from '../../../db/database.js';
import { ATTEMPT_LOG_SIZE } from '../webhooks.repository.js';

export interface TClaimedDelivery {
  id: string;
  event_id: string;
  attempts: number;
  next_attempt_at: Date;
  type: string;
  occurred_at: Date;
  initiator: unknown;
  content: unknown;
}

/** Enabled webhooks with a delivery due (the head may still be waiting for its retry time; the claim checks). */
export async function webhooksWithDueDeliveries(db: TExecutor, now: Date): Promise<{ org_id: string; id: string }[]> {
  return db
    .selectFrom('webhooks as w')
    .select(['w.org_id', 'w.id'])
    .where('w.enabled', '=', true)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('webhook_deliveries as d')
          .select('d.id')
          .whereRef('d.org_id', '=', 'w.org_id')
          .whereRef('d.webhook_id', '=', 'w.id')
          .where('d.status', '=', 'PENDING')
          .where('d.next_attempt_at', '<=', now),
      ),
    )
    .execute();
}

/**
 * Only one dispatcher at a time sends a webhook's deliveries (its order depends on it). A transaction-scoped
 * advisory lock: it takes no xid, so holding it through the sends does not hold back the outbox horizon, and it
 * goes away with the connection if the process dies.
 */
export async function tryLockWebhookDelivery(trx: TTransaction, orgId: string, webhookId: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(hashtext(${`webhook-delivery:${orgId}:${webhookId}`})) AS locked`.execute(trx);
  return rows[0]?.locked === true;
}

/** The webhook's pending deliveries in event order, with their events. */
export function headDeliveries(
  db: TExecutor,
  orgId: string,
  webhookId: string,
  limit: number,
): Promise<TClaimedDelivery[]> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.event_id',
      'd.attempts',
      'd.next_attempt_at',
      'e.type',
      'e.occurred_at',
      'e.initiator',
      'e.content',
    ])
    .where('d.org_id', '=', orgId)
    .where('d.webhook_id', '=', webhookId)
    .where('d.status', '=', 'PENDING')
    .orderBy('d.event_xid')
    .orderBy('d.event_seq')
    .limit(limit)
    .execute();
}

export async function markSucceeded(trx: TTransaction, orgId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('webhook_deliveries')
    .set((eb) => ({ status: 'SUCCEEDED', attempts: eb('attempts', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

export async function markFailedAttempt(
  trx: TTransaction,
  orgId: string,
  id: string,
  change: { attempts: number; status: 'PENDING' | 'FAILED'; nextAttemptAt: Date },
): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ attempts: change.attempts, status: change.status, next_attempt_at: change.nextAttemptAt })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export interface TAttemptLog {
  org_id: string;
  id: string;
  webhook_id: string;
  delivery_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  outcome: 'SUCCESS' | 'DEBUG' | 'ERROR';
  attempted_at: Date;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/** Append to the attempt log and keep only the newest ATTEMPT_LOG_SIZE of the webhook. */
export async function logAttempts(trx: TTransaction, orgId: string, webhookId: string, logs: TAttemptLog[]) {
  if (logs.length === 0) return;
  // Only the newest ATTEMPT_LOG_SIZE of a large batch are kept anyway: the older ones are never written.
  await trx
    .insertInto('webhook_attempts')
    .values(
      logs
        .slice(-ATTEMPT_LOG_SIZE)
        .map((l) => ({ ...l, request: JSON.stringify(l.request), response: JSON.stringify(l.response) })),
    )
    .execute();
  await sql`
    DELETE FROM webhook_attempts WHERE org_id = ${orgId} AND webhook_id = ${webhookId} AND seq <= (
      SELECT seq FROM webhook_attempts WHERE org_id = ${orgId} AND webhook_id = ${webhookId}
      ORDER BY seq DESC OFFSET ${ATTEMPT_LOG_SIZE} LIMIT 1)`.execute(trx);
}

export async function disableForRetryLimit(trx: TTransaction, orgId: string, webhookId: string, at: Date) {
  await trx
    .updateTable('webhooks')
    .set({ enabled: false, disabled_at_due_to_retry_limit: at, updated_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', webhookId)
    .execute();
}

export function activeApiUsers(db: TExecutor, orgId: string): Promise<{ id: string; email: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where(sql<boolean>`'API_USER' = ANY(roles)`)
    .execute();
}

export async function insertNotifications(
  trx: TTransaction,
  rows: { org_id: string; id: string; user_id: string; kind: string; title: string; body: string; created_at: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(rows.map((r) => ({ ...r, read_at: null })))
    .execute();
}
