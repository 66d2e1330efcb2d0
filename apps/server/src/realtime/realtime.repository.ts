import type { TInitiator } from '@hearth/shared';
import { sql } from 'kysely';
import type { TDatabase, TExecutor } from '../db/database.js';
import { OUTBOX_START, readOutboxHorizon, type TOutboxPosition } from '../events/outbox-horizon.js';

/** An outbox event with its place in (xid, seq) order. */
export interface TPositionedEvent {
  xid: string;
  seq: string;
  id: string;
  type: string;
  timestamp: Date;
  initiator: TInitiator;
  content: Record<string, unknown>;
}

interface TEventRow {
  xid: string;
  seq: string;
  id: string;
  type: string;
  occurred_at: Date;
  initiator: TInitiator;
  content: Record<string, unknown>;
}

/**
 * The org's events after `after` that are final (below the horizon), oldest first, and whether some later event is
 * already committed but held back by an older transaction still running (read again shortly). One statement: the
 * horizon is the xmin of the statement's own snapshot (pg_current_snapshot() is the snapshot the query reads with),
 * so every row below it is final and visible to the same query; the hub runs this on every pass.
 */
export async function readFinalEventsAfter(
  db: TDatabase,
  orgId: string,
  after: TOutboxPosition,
  limit: number,
): Promise<{ events: TPositionedEvent[]; heldBack: boolean }> {
  const { rows } = await sql<TEventRow & { final: boolean }>`
    WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)
    SELECT xid::text AS xid, seq::text AS seq, id, type, occurred_at, initiator, content, o.xid < h.horizon AS final
    FROM outbox_events o, h
    WHERE org_id = ${orgId} AND (o.xid, o.seq) > (${after.xid}::xid8, ${after.seq}::bigint)
    ORDER BY o.xid, o.seq
    LIMIT ${limit}`.execute(db);
  // Rows come in xid order, so the final ones are a prefix. (ORDER BY names the columns through the table alias:
  // bare `xid, seq` would sort by the text aliases of the SELECT list.)
  const firstHeld = rows.findIndex((r) => !r.final);
  const final = firstHeld < 0 ? rows : rows.slice(0, firstHeld);
  return { events: final.map(toEvent), heldBack: final.length < rows.length };
}

function toEvent(r: TEventRow): TPositionedEvent {
  return {
    xid: r.xid,
    seq: r.seq,
    id: r.id,
    type: r.type,
    timestamp: r.occurred_at,
    initiator: r.initiator,
    content: r.content,
  };
}

/** The last final event of the org: where a new reader starts. */
export async function readLastFinalPosition(db: TDatabase, orgId: string): Promise<TOutboxPosition> {
  return db.transaction().execute(async (trx) => {
    const horizon = await readOutboxHorizon(trx);
    const { rows } = await sql<TOutboxPosition>`
      SELECT xid::text AS xid, seq::text AS seq FROM outbox_events o
      WHERE org_id = ${orgId} AND o.xid < ${horizon.toString()}::xid8
      ORDER BY o.xid DESC, o.seq DESC
      LIMIT 1`.execute(trx);
    return rows[0] ?? OUTBOX_START;
  });
}

/**
 * Where a client that last saw event `seq` stands. Normally that event's own position; when it is gone (retention)
 * the furthest position among the org's older events, and the start when there is none.
 */
export async function findPositionOfSeq(db: TExecutor, orgId: string, seq: string): Promise<TOutboxPosition> {
  if (seq === '0') return OUTBOX_START;
  const exact = await sql<TOutboxPosition>`
    SELECT xid::text AS xid, seq::text AS seq FROM outbox_events o
    WHERE org_id = ${orgId} AND o.seq = ${seq}::bigint`.execute(db);
  if (exact.rows[0]) return exact.rows[0];
  const older = await sql<TOutboxPosition>`
    SELECT xid::text AS xid, seq::text AS seq FROM outbox_events o
    WHERE org_id = ${orgId} AND o.seq < ${seq}::bigint
    ORDER BY o.xid DESC, o.seq DESC
    LIMIT 1`.execute(db);
  return older.rows[0] ?? OUTBOX_START;
}

export async function findUserInboxIds(db: TExecutor, orgId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('inbox_members')
    .select('inbox_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.inbox_id);
}

export interface TAssignment {
  inboxId: string;
  agentId: string | null;
}

/** Current inbox and agent of conversations and tasks, for events that carry no assignee. */
export async function findAssignments(
  db: TExecutor,
  orgId: string,
  ids: { conversationIds: string[]; taskIds: string[] },
): Promise<{ conversations: Map<string, TAssignment>; tasks: Map<string, TAssignment> }> {
  const conversations = new Map<string, TAssignment>();
  const tasks = new Map<string, TAssignment>();
  if (ids.conversationIds.length > 0) {
    const rows = await db
      .selectFrom('conversations')
      .select(['id', 'inbox_id', 'agent_id'])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids.conversationIds)
      .execute();
    for (const r of rows) conversations.set(r.id, { inboxId: r.inbox_id, agentId: r.agent_id });
  }
  if (ids.taskIds.length > 0) {
    const rows = await db
      .selectFrom('tasks')
      .select(['id', 'inbox_id', 'agent_id'])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids.taskIds)
      .execute();
    for (const r of rows) tasks.set(r.id, { inboxId: r.inbox_id, agentId: r.agent_id });
  }
  return { conversations, tasks };
}
