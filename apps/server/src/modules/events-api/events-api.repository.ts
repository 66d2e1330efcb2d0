import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';

/** Where the previous page ended: the exact stored timestamp (as text, microseconds intact) and the sequence. */
export interface TEventKey {
  at: string;
  seq: string;
}

/**
 * One page of an org's events in [startAt, endAt) of the given type prefixes, oldest first, after `after`.
 * Served by outbox_events_by_org_time (org_id, occurred_at, seq): a range scan, the type filtered on the way.
 */
export function readEventPage(
  db: TExecutor,
  orgId: string,
  query: { startAt: Date; endAt: Date; typePrefixes: string[] },
  after: TEventKey | null,
  limit: number,
) {
  return eventPageQuery(db, orgId, query, after, limit).execute();
}

export function eventPageQuery(
  db: TExecutor,
  orgId: string,
  query: { startAt: Date; endAt: Date; typePrefixes: string[] },
  after: TEventKey | null,
  limit: number,
) {
  let q = db
    .selectFrom('outbox_events')
    .select(['seq', 'id', 'type', 'occurred_at', 'initiator', 'content'])
    .select(sql<string>`occurred_at::text`.as('key_at'))
    .where('org_id', '=', orgId)
    .where('occurred_at', '>=', query.startAt)
    .where('occurred_at', '<', query.endAt)
    .where(sql<boolean>`split_part(type, '/', 1) = ANY(${query.typePrefixes}::text[])`);
  if (after) q = q.where(sql<boolean>`(occurred_at, seq) > (${after.at}::timestamptz, ${after.seq}::bigint)`);
  return q.orderBy('occurred_at').orderBy('seq').limit(limit);
}

/** Orgs holding events older than `before`: the retention job visits only these. */
export async function listOrgsWithEventsBefore(db: TExecutor, before: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('orgs')
    .select('id')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('outbox_events')
          .select(sql`1`.as('one'))
          .whereRef('outbox_events.org_id', '=', 'orgs.id')
          .where('outbox_events.occurred_at', '<', before),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Delete up to `limit` of an org's events older than `before`, oldest first; returns how many went. */
export async function deleteEventsBefore(db: TExecutor, orgId: string, before: Date, limit: number): Promise<number> {
  const result = await sql<{ n: number }>`
    WITH doomed AS (
      SELECT seq FROM outbox_events WHERE org_id = ${orgId} AND occurred_at < ${before}
      ORDER BY occurred_at, seq LIMIT ${limit}
    ), gone AS (DELETE FROM outbox_events WHERE seq IN (SELECT seq FROM doomed) RETURNING 1)
    SELECT count(*)::int AS n FROM gone`.execute(db);
  return result.rows[0]?.n ?? 0;
}
