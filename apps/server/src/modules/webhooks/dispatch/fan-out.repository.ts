import { sql } from 'kysely';
import type { TTransaction } from '../../../db/database.js';

export interface TCursorWebhook {
  org_id: string;
  id: string;
  events: string[];
  cursor_xid: string;
  cursor_seq: string;
}

export interface TPendingEvent {
  seq: string;
  id: string;
  type: string;
  xid: string;
}

/** The horizon (events/outbox-horizon.ts), shared with the realtime fan-out. */
export { readOutboxHorizon as readHorizon } from '../../../events/outbox-horizon.js';

/** Enabled webhooks no other dispatcher is fanning out right now. */
export async function lockEnabledWebhooks(trx: TTransaction): Promise<TCursorWebhook[]> {
  const { rows } = await sql<TCursorWebhook>`
    SELECT org_id, id, events, cursor_xid::text AS cursor_xid, cursor_seq::text AS cursor_seq
    FROM webhooks WHERE enabled AND cursor_xid IS NOT NULL
    ORDER BY org_id, id
    FOR UPDATE SKIP LOCKED`.execute(trx);
  return rows;
}

export async function readEventsAfterCursor(
  trx: TTransaction,
  webhook: TCursorWebhook,
  horizon: bigint,
  limit: number,
): Promise<TPendingEvent[]> {
  const { rows } = await sql<TPendingEvent>`
    SELECT seq::text AS seq, id, type, xid::text AS xid FROM outbox_events
    WHERE org_id = ${webhook.org_id}
      AND (xid, seq) > (${webhook.cursor_xid}::xid8, ${webhook.cursor_seq}::bigint)
      AND xid < ${horizon.toString()}::xid8
    ORDER BY outbox_events.xid, outbox_events.seq
    LIMIT ${limit}`.execute(trx);
  return rows;
}

export async function insertDeliveries(
  trx: TTransaction,
  rows: { org_id: string; id: string; webhook_id: string; event_id: string; event_xid: string; event_seq: string }[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('webhook_deliveries')
    .values(rows.map((r) => ({ ...r, status: 'PENDING', next_attempt_at: at, created_at: at })))
    // Exactly one delivery per (webhook, event), however often an event is read.
    .onConflict((oc) => oc.columns(['org_id', 'webhook_id', 'event_id']).doNothing())
    .execute();
}

export async function moveCursor(trx: TTransaction, orgId: string, id: string, xid: string, seq: string) {
  await trx
    .updateTable('webhooks')
    .set({ cursor_xid: sql<string>`${xid}::xid8`, cursor_seq: seq })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
