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
  await trx
    .insertInto('outbox_events')
    .values({
      id,
      org_id: orgId,
      type: event.type,
      occurred_at: event.occurredAt ?? new Date(),
      initiator: JSON.stringify(event.initiator),
      content: JSON.stringify(event.content),
    })
    .execute();
  await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, ${orgId})`.execute(trx);
  return id;
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
