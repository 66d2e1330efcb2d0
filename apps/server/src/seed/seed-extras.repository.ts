import { sql } from 'kysely';
import type { TExecutor } from '../db/database.js';

// The finishing touches of the demo org, set-based over the conversations the bulk seed wrote: the status-change,
// topic-change and note items an agent's work leaves in a timeline, and tasks with comments. Run once, on a new org.

/** A fresh 22-character id per row, in SQL (PostgreSQL 13+ has gen_random_uuid built in). */
const newIdSql = sql`translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/=', '-_')`;

const ITEM_COLUMNS = sql`(org_id, id, customer_id, conversation_id, session_id, occurred_at, initiator_id,
  initiator_type, responder_id, responder_type, content_type, content, direction, delivery_status, redacted_at, created_at)`;

/** Closing a conversation leaves a CONVERSATION_STATUS_CHANGE item at the moment it closed. */
export async function insertClosedStatusItems(db: TExecutor, orgId: string): Promise<void> {
  await sql`
    INSERT INTO conversation_items ${ITEM_COLUMNS}
    SELECT c.org_id, ${newIdSql}, c.customer_id, c.id, NULL, c.closed_at, c.agent_id, 'AGENT', NULL, NULL,
      'CONVERSATION_STATUS_CHANGE', jsonb_build_object('type', 'CONVERSATION_STATUS_CHANGE', 'status', 'CLOSED'),
      'INTERNAL', NULL, NULL, c.closed_at
    FROM conversations c
    WHERE c.org_id = ${orgId} AND c.status = 'CLOSED' AND c.closed_at IS NOT NULL AND c.agent_id IS NOT NULL
    ORDER BY c.closed_at
  `.execute(db);
}

/** Most assigned conversations get one topic: the link row plus the TOPIC_CHANGE item that recorded it. */
export async function insertTopicsAndChangeItems(db: TExecutor, orgId: string, topicIds: string[]): Promise<void> {
  if (topicIds.length === 0) return;
  await sql`
    WITH picked AS (
      SELECT c.org_id, c.id, c.customer_id, c.agent_id,
        COALESCE(c.closed_at - interval '5 minutes', c.created_at + interval '1 minute') AS at,
        (${topicIds}::text[])[1 + abs(hashtext(c.id)) % ${topicIds.length}::int] AS topic_id
      FROM conversations c
      WHERE c.org_id = ${orgId} AND c.agent_id IS NOT NULL AND abs(hashtext(c.id || 't')) % 10 < 7
    ), linked AS (
      INSERT INTO conversation_topics (org_id, conversation_id, topic_id, added_at)
      SELECT org_id, id, topic_id, at FROM picked
    )
    INSERT INTO conversation_items ${ITEM_COLUMNS}
    SELECT org_id, ${newIdSql}, customer_id, id, NULL, at, agent_id, 'AGENT', NULL, NULL, 'TOPIC_CHANGE',
      jsonb_build_object('type', 'TOPIC_CHANGE', 'addedTopicIds', jsonb_build_array(topic_id), 'removedTopicIds', '[]'::jsonb),
      'INTERNAL', NULL, NULL, at
    FROM picked
    ORDER BY at
  `.execute(db);
}

/** About one conversation in five carries an internal note from its agent. */
export async function insertNotes(db: TExecutor, orgId: string, notes: string[]): Promise<void> {
  if (notes.length === 0) return;
  await sql`
    INSERT INTO conversation_items ${ITEM_COLUMNS}
    SELECT c.org_id, ${newIdSql}, c.customer_id, c.id, NULL, c.created_at + interval '2 minutes', c.agent_id, 'AGENT',
      NULL, NULL, 'CONVERSATION_NOTE',
      jsonb_build_object('type', 'CONVERSATION_NOTE',
        'body', (${notes}::text[])[1 + abs(hashtext(c.id || 'b')) % ${notes.length}::int], 'attachments', '[]'::jsonb),
      'INTERNAL', NULL, NULL, c.created_at + interval '2 minutes'
    FROM conversations c
    WHERE c.org_id = ${orgId} AND c.agent_id IS NOT NULL AND abs(hashtext(c.id || 'n')) % 5 = 0
    ORDER BY c.created_at
  `.execute(db);
}

/**
 * `count` tasks on customers picked deterministically: one in three closed, a few overdue, one in five unassigned
 * (inbox only); about a third carry a comment from the agent working them.
 */
export async function insertTasksWithComments(
  db: TExecutor,
  input: {
    orgId: string;
    count: number;
    now: Date;
    inboxIds: string[];
    agentIds: string[];
    bodies: string[];
    comments: string[];
  },
): Promise<void> {
  const { orgId, count, now, inboxIds, agentIds, bodies, comments } = input;
  if (count === 0 || inboxIds.length === 0 || agentIds.length === 0 || bodies.length === 0) return;
  const agentAt = (offset: number) => sql`(${agentIds}::text[])[1 + (r + ${offset}::int) % ${agentIds.length}::int]`;
  await sql`
    WITH picked AS (
      SELECT id AS customer_id, row_number() OVER (ORDER BY md5(id))::int AS r
      FROM customers WHERE org_id = ${orgId} ORDER BY md5(id) LIMIT ${count}::int
    ), created AS (
      INSERT INTO tasks (org_id, id, customer_id, inbox_id, agent_id, body, due_at, status, created_by_id,
        created_by_type, created_at, updated_at, closed_at)
      SELECT ${orgId}, ${newIdSql}, customer_id,
        (${inboxIds}::text[])[1 + r % ${inboxIds.length}::int],
        CASE WHEN r % 5 = 0 THEN NULL ELSE ${agentAt(0)} END,
        (${bodies}::text[])[1 + r % ${bodies.length}::int],
        ${now}::timestamptz + make_interval(hours => ((r % 7) - 2) * 24 + 9),
        CASE WHEN r % 3 = 0 THEN 'CLOSED' ELSE 'OPEN' END,
        ${agentAt(1)}, 'AGENT',
        ${now}::timestamptz - make_interval(days => 1 + r % 10),
        ${now}::timestamptz - make_interval(hours => 1 + r % 20),
        CASE WHEN r % 3 = 0 THEN ${now}::timestamptz - make_interval(hours => 1 + r % 20) END
      FROM picked
      RETURNING id, agent_id, created_by_id, created_at
    )
    INSERT INTO task_comments (org_id, id, task_id, agent_id, comment, created_at)
    SELECT ${orgId}, ${newIdSql}, id, COALESCE(agent_id, created_by_id),
      (${comments}::text[])[1 + abs(hashtext(id)) % ${Math.max(comments.length, 1)}::int],
      created_at + interval '3 hours'
    FROM created
    WHERE abs(hashtext(id || 'c')) % 3 = 0 AND ${comments.length}::int > 0
  `.execute(db);
}

/**
 * The routing state inbound messages leave on a conversation (modules/contacts), derived for the seeded history: the
 * channel and time of the newest inbound item, and for conversations whose customer waits the due date (that time
 * plus the inbox SLA) and, when no agent has it, when it entered the queue. Without it the desktop would show no due
 * dates and the routing engine would see undated work.
 */
export async function deriveRoutingState(db: TExecutor, orgId: string): Promise<void> {
  await sql`
    WITH newest AS (
      SELECT DISTINCT ON (i.conversation_id) i.conversation_id, i.occurred_at,
        CASE i.content_type WHEN 'CHAT_MESSAGE' THEN 'CHAT' ELSE i.content_type END AS channel
      FROM conversation_items i
      WHERE i.org_id = ${orgId} AND i.direction = 'INBOUND' AND i.conversation_id IS NOT NULL
      ORDER BY i.conversation_id, i.occurred_at DESC, i.seq DESC
    )
    UPDATE conversations c
    SET channel = n.channel,
      last_inbound_at = n.occurred_at,
      due_at = CASE WHEN c.customer_waiting_since IS NOT NULL AND c.status <> 'CLOSED'
        THEN c.customer_waiting_since + make_interval(mins => b.sla_minutes) END,
      queued_at = CASE WHEN c.customer_waiting_since IS NOT NULL AND c.status <> 'CLOSED' AND c.agent_id IS NULL
        THEN c.customer_waiting_since END
    FROM newest n, inboxes b
    WHERE c.org_id = ${orgId} AND c.id = n.conversation_id AND b.org_id = c.org_id AND b.id = c.inbox_id
  `.execute(db);
}
