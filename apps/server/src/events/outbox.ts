import type { TEventType, TInitiator } from '@hearth/shared';
import { sql } from 'kysely';
import type { TExecutor, TTransaction } from '../db/database.js';
import { deferredWrite } from '../db/deferred-write.js';
import { newId } from '../lib/ids.js';

export const OUTBOX_CHANNEL = 'hearth_outbox';

export interface TNewEvent {
  type: TEventType;
  initiator: TInitiator;
  content: Record<string, unknown>;
  occurredAt?: Date;
}

type TEventRow = {
  id: string;
  org_id: string;
  type: string;
  occurred_at: Date;
  initiator: string;
  content: string;
};

function eventRow(orgId: string, event: TNewEvent): TEventRow {
  return {
    id: newId(),
    org_id: orgId,
    type: event.type,
    occurred_at: event.occurredAt ?? new Date(),
    initiator: JSON.stringify(event.initiator),
    content: JSON.stringify(event.content),
  };
}

/** A pg_notify held back with a batch's events (delivered at commit either way; see notifyInTransaction). */
type TNotification = { channel: string; payload: string };

// Transactions whose events (and notifications) are held back and written together (withEventBatch), in the order
// appended.
const batches = new WeakMap<TTransaction, { events: TEventRow[]; notifications: TNotification[] }>();

/**
 * Append an event of the Gladly catalogue to the outbox inside the caller's transaction, so it exists exactly when
 * the change does. The NOTIFY is queued by PostgreSQL and delivered only at commit (never on rollback); identical
 * notifications in one transaction are folded into one. Inside withEventBatch the event is written with the batch.
 */
export async function appendEvent(trx: TTransaction, orgId: string, event: TNewEvent): Promise<string> {
  const [id] = await appendEvents(trx, orgId, [event]);
  return id as string;
}

/**
 * Append several events in one statement (one round trip, one NOTIFY), in the order given: for a set-based change
 * that emits an event per row, such as a routing run's offers.
 */
export async function appendEvents(trx: TTransaction, orgId: string, events: readonly TNewEvent[]): Promise<string[]> {
  const rows = events.map((event) => eventRow(orgId, event));
  const batch = batches.get(trx);
  if (batch) batch.events.push(...rows);
  else await writeBatch(trx, rows, []);
  return rows.map((r) => r.id);
}

/**
 * `pg_notify(channel, payload)` in the caller's transaction: PostgreSQL delivers it at commit only. Inside
 * withEventBatch it is held back and sent by the batch's statement (before the batch's own outbox notification, as
 * it would have been queued), which saves a round trip: the same delivery at the same commit.
 */
export async function notifyInTransaction(db: TExecutor, channel: string, payload: string): Promise<void> {
  const batch = batches.get(db as TTransaction);
  if (batch) batch.notifications.push({ channel, payload });
  else await writeBatch(db, [], [{ channel, payload }]);
}

/**
 * Run `work` with every event it appends on `trx` held back, then write them all in one statement when it returns
 * (nothing is written if it throws: the transaction is then rolled back anyway). A command that appends four or five
 * events (an inbound message: profile, conversation, contact, message) saves as many round trips. The events keep
 * the order they were appended in and still commit with the change. Notifications sent with notifyInTransaction
 * meanwhile go out in the same statement. Nested calls join the outer batch.
 * Savepoints inside `work` must drop what they roll back: see eventBatchMark.
 */
export async function withEventBatch<T>(trx: TTransaction, work: () => Promise<T>): Promise<T> {
  if (batches.has(trx)) return work();
  const batch = { events: [] as TEventRow[], notifications: [] as TNotification[] };
  batches.set(trx, batch);
  let result: T;
  try {
    result = await work();
  } finally {
    batches.delete(trx);
  }
  await writeBatch(trx, batch.events, batch.notifications);
  return result;
}

/**
 * Where the transaction's held-back events and notifications stand (zeros outside a batch); after ROLLBACK TO
 * SAVEPOINT, dropEventsAfter with the mark taken at SAVEPOINT forgets what the rolled-back statements appended, as
 * the database forgets their rows and notifications.
 */
export function eventBatchMark(trx: TTransaction): { events: number; notifications: number } {
  const batch = batches.get(trx);
  return { events: batch?.events.length ?? 0, notifications: batch?.notifications.length ?? 0 };
}

export function dropEventsAfter(trx: TTransaction, mark: { events: number; notifications: number }): void {
  const batch = batches.get(trx);
  if (!batch) return;
  if (batch.events.length > mark.events) batch.events.length = mark.events;
  if (batch.notifications.length > mark.notifications) batch.notifications.length = mark.notifications;
}

async function writeBatch(db: TExecutor, rows: TEventRow[], notifications: TNotification[]): Promise<void> {
  const channels = notifications.map((n) => n.channel);
  const payloads = notifications.map((n) => n.payload);
  // Notifications leave in the order given: unnest emits the arrays' elements in order.
  const notify = sql`SELECT pg_notify(m.channel, m.payload) FROM unnest(${channels}::text[], ${payloads}::text[])
    WITH ORDINALITY AS m(channel, payload, n)`;
  if (rows.length === 0) {
    if (notifications.length > 0) await deferredWrite(db, sql`${notify} ORDER BY n`);
    return;
  }
  // Insert and NOTIFY in one statement. A multi-row VALUES list takes its rows' sequence numbers in list order, so
  // the events keep the order given. UNION ALL runs its branches in order: the held-back notifications first.
  // Deferred: it travels with the transaction's next statement, usually its COMMIT (db/deferred-write.ts).
  await deferredWrite(
    db,
    db
      .with('inserted', (qb) => qb.insertInto('outbox_events').values(rows).returning('org_id'))
      .selectFrom(
        sql`(${notify} UNION ALL SELECT pg_notify(${OUTBOX_CHANNEL}, org_id) FROM (SELECT DISTINCT org_id FROM inserted) o)`.as(
          'notified',
        ),
      )
      .selectAll(),
  );
}

export interface TStoredEvent {
  seq: string;
  id: string;
  type: string;
  timestamp: Date;
  initiator: TInitiator;
  content: Record<string, unknown>;
}

/** Events of one org after a sequence number, oldest first: what webhooks, realtime and tests read. */
export async function readEventsAfter(
  db: TExecutor,
  orgId: string,
  afterSeq = '0',
  limit = 1000,
): Promise<TStoredEvent[]> {
  const rows = await db
    .selectFrom('outbox_events')
    .select(['seq', 'id', 'type', 'occurred_at', 'initiator', 'content'])
    .where('org_id', '=', orgId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    type: r.type,
    timestamp: r.occurred_at,
    initiator: r.initiator as TInitiator,
    content: r.content,
  }));
}
