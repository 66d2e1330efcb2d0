import type { TEventType, TInitiator } from '@hearth/shared';
import { sql } from 'kysely';
import type { TExecutor, TTransaction } from '../db/database.js';
import { newId } from '../lib/ids.js';

export const OUTBOX_CHANNEL = 'hearth_outbox';

export interface TNewEvent {
  type: TEventType;
  initiator: TInitiator;
  content: Record<string, unknown>;
  occurredAt?: Date;
}

/**
 * Append an event of the Gladly catalogue to the outbox inside the caller's transaction, so it exists exactly when
 * the change does. The NOTIFY is queued by PostgreSQL and delivered only at commit (never on rollback); identical
 * notifications in one transaction are folded into one.
 */
export async function appendEvent(trx: TTransaction, orgId: string, event: TNewEvent): Promise<string> {
  const id = newId();
  // Insert and NOTIFY in one statement: one round trip per event instead of two (an inbound message appends
  // several events, and round trips are most of what a busy process spends its time on).
  await trx
    .with('inserted', (db) =>
      db
        .insertInto('outbox_events')
        .values({
          id,
          org_id: orgId,
          type: event.type,
          occurred_at: event.occurredAt ?? new Date(),
          initiator: JSON.stringify(event.initiator),
          content: JSON.stringify(event.content),
        })
        .returning('org_id'),
    )
    .selectFrom('inserted')
    .select(sql`pg_notify(${OUTBOX_CHANNEL}, inserted.org_id)`.as('notified'))
    .execute();
  return id;
}

/**
 * Append several events in one statement (one round trip, one NOTIFY), in the order given: for a set-based change
 * that emits an event per row, such as a routing run's offers.
 */
export async function appendEvents(trx: TTransaction, orgId: string, events: readonly TNewEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((event) => ({
    id: newId(),
    org_id: orgId,
    type: event.type,
    occurred_at: event.occurredAt ?? new Date(),
    initiator: JSON.stringify(event.initiator),
    content: JSON.stringify(event.content),
  }));
  // A multi-row VALUES list takes its rows' sequence numbers in list order, so the events keep the order given.
  await trx
    .with('inserted', (db) => db.insertInto('outbox_events').values(rows).returning('org_id'))
    .selectFrom(sql`(SELECT DISTINCT org_id FROM inserted)`.as('orgs'))
    .select(sql`pg_notify(${OUTBOX_CHANNEL}, orgs.org_id)`.as('notified'))
    .execute();
  return rows.map((r) => r.id);
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
