import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { MESSAGING_CHANNELS } from '../contacts/contacts.queries.js';

// SQL of the routing snapshot: its reads (each one statement over an indexed path of migration 0007-routing, whole
// or for the items and agents the change journal names) and the journal itself (migrations 0010, 0011). The run's
// locks and presence writes are in routing.repository.ts, the offers' own rows in offers.repository.ts. Times come
// back as Date; routing-queue.ts and routing-agents.ts turn them into epoch ms.

export const MAIL_CHANNELS = ['EMAIL', 'VOICEMAIL'];
const NOTE_TYPE = 'CONVERSATION_NOTE';

export interface TAgentRow {
  user_id: string;
  logged_in: boolean | null;
  status: 'ACTIVE' | 'AWAY' | null;
  available_for: string[] | null;
  focus_mode: boolean | null;
  skills: string[] | null;
  messaging_capacity_standard: number | null;
  messaging_capacity_maximum: number | null;
  next_requests: number | null;
  mail_task_auto_push_pending: boolean | null;
  last_offered_at: Date | null;
  last_assigned_at: Date | null;
  last_messaging_assigned_at: Date | null;
}

// The agents' side of the snapshot: each read takes `agentIds` to read only those agents (the ones the routing
// journal named since the last run; routing-agents.ts). Every column these reads look at is watched by a trigger of
// migration 0011: a column read here that no trigger watches is a change the kept agents would not see.

/** `AND <column> = ANY(agentIds)` when only some agents are read. */
function agentFilter(column: string, agentIds: readonly string[] | undefined) {
  return agentIds ? sql`AND ${sql.ref(column)} = ANY(${[...agentIds]}::text[])` : sql``;
}

/** Active users with the AGENT role and their presence (absent presence = logged out). */
export async function listAgentRows(db: TExecutor, orgId: string, agentIds?: readonly string[]): Promise<TAgentRow[]> {
  if (agentIds?.length === 0) return [];
  const result = await sql<TAgentRow>`
    SELECT u.id AS user_id, p.logged_in, p.status, p.available_for, p.focus_mode, p.skills,
      p.messaging_capacity_standard, p.messaging_capacity_maximum, p.next_requests, p.mail_task_auto_push_pending,
      p.last_offered_at, p.last_assigned_at, p.last_messaging_assigned_at
    FROM users u
    LEFT JOIN agent_presence p ON p.org_id = u.org_id AND p.user_id = u.id
    WHERE u.org_id = ${orgId} AND u.active AND 'AGENT' = ANY(u.roles) ${agentFilter('u.id', agentIds)}`.execute(db);
  return result.rows;
}

export async function listInboxMemberships(
  db: TExecutor,
  orgId: string,
  agentIds?: readonly string[],
): Promise<{ user_id: string; inbox_id: string }[]> {
  if (agentIds?.length === 0) return [];
  const result = await sql<{ user_id: string; inbox_id: string }>`
    SELECT m.user_id, m.inbox_id FROM inbox_members m
    JOIN inboxes i ON i.org_id = m.org_id AND i.id = m.inbox_id AND NOT i.disabled
    WHERE m.org_id = ${orgId} ${agentFilter('m.user_id', agentIds)}`.execute(db);
  return result.rows;
}

/** The members of these inboxes (an inbox disabled or enabled changes each member's memberships). */
export async function listInboxMemberIds(db: TExecutor, orgId: string, inboxIds: readonly string[]): Promise<string[]> {
  if (inboxIds.length === 0) return [];
  const result = await sql<{ user_id: string }>`
    SELECT DISTINCT user_id FROM inbox_members WHERE org_id = ${orgId} AND inbox_id = ANY(${[...inboxIds]}::text[])`.execute(
    db,
  );
  return result.rows.map((r) => r.user_id);
}

export interface TLoadRow {
  agent_id: string;
  voice: number;
  messaging: number;
  mail: number;
  tasks: number;
}

/**
 * Work each agent holds per channel group: live voice and messaging contacts (an ended session frees its slot),
 * open mail conversations, open tasks.
 */
export async function listAgentLoads(db: TExecutor, orgId: string, agentIds?: readonly string[]): Promise<TLoadRow[]> {
  if (agentIds?.length === 0) return [];
  const result = await sql<TLoadRow>`
    SELECT agent_id, sum(voice)::int AS voice, sum(messaging)::int AS messaging, sum(mail)::int AS mail,
      sum(tasks)::int AS tasks
    FROM (
      SELECT agent_id, (channel = 'PHONE_CALL')::int AS voice, (channel = ANY(${MESSAGING_CHANNELS}))::int AS messaging,
        0 AS mail, 0 AS tasks
      FROM contacts WHERE org_id = ${orgId} AND ended_at IS NULL AND agent_id IS NOT NULL AND status <> 'OFFERED'
        ${agentFilter('agent_id', agentIds)}
      UNION ALL
      SELECT agent_id, 0, 0, 1, 0 FROM conversations
      WHERE org_id = ${orgId} AND agent_id IS NOT NULL AND status <> 'CLOSED' AND status = 'OPEN'
        AND channel = ANY(${MAIL_CHANNELS}) ${agentFilter('agent_id', agentIds)}
      UNION ALL
      SELECT agent_id, 0, 0, 0, 1 FROM tasks WHERE org_id = ${orgId} AND agent_id IS NOT NULL AND status = 'OPEN'
        ${agentFilter('agent_id', agentIds)}
    ) loads
    GROUP BY agent_id`.execute(db);
  return result.rows;
}

export interface TPendingOfferRow {
  id: string;
  item_id: string;
  agent_id: string;
  offered_at: Date;
  expires_at: Date;
}

export async function listPendingOffers(
  db: TExecutor,
  orgId: string,
  agentIds?: readonly string[],
): Promise<TPendingOfferRow[]> {
  if (agentIds?.length === 0) return [];
  const result = await sql<TPendingOfferRow>`
    SELECT id, item_id, agent_id, offered_at, expires_at FROM routing_offers
    WHERE org_id = ${orgId} AND status = 'PENDING' ${agentFilter('agent_id', agentIds)}`.execute(db);
  return result.rows;
}

export interface TConversationItemRow {
  id: string;
  customer_id: string;
  inbox_id: string;
  channel: string | null;
  due_at: Date | null;
  queued_at: Date | null;
  customer_waiting_since: Date | null;
  transferred: boolean;
  customer_attributes: Record<string, unknown> | null;
  topic_ids: string[];
}

/**
 * Which routable items to read: all of them, or only these items and these customers' items (the routing queue's
 * changes since its last read).
 */
export type TQueueFilter = { ids: readonly string[]; customerIds: readonly string[] } | undefined;

function filterSql(alias: 'c' | 't', filter: TQueueFilter) {
  if (!filter) return sql``;
  const a = sql.raw(alias);
  return sql`AND (${a}.id = ANY(${[...filter.ids]}::text[]) OR ${a}.customer_id = ANY(${[...filter.customerIds]}::text[]))`;
}

const nothingToRead = (filter: TQueueFilter) => filter && filter.ids.length === 0 && filter.customerIds.length === 0;

// Every row this read looks at is covered by a trigger of migration 0010-routing-changes (the routing queue's change
// journal): a column or table read here that no trigger watches is a change the queue would not see.

/**
 * Routable conversations (engine/routable.ts): no agent, OPEN, a customer waiting (NRN clears it), and the newest
 * item is not a note. Uses the conversations_routable partial index in full, the primary key and
 * conversations_by_customer with a filter.
 */
export async function listRoutableConversations(
  db: TExecutor,
  orgId: string,
  filter?: TQueueFilter,
): Promise<TConversationItemRow[]> {
  if (nothingToRead(filter)) return [];
  const result = await sql<TConversationItemRow>`
    SELECT c.id, c.customer_id, c.inbox_id, c.due_at, c.queued_at, c.customer_waiting_since, c.transferred,
      -- The live contact's channel only when the conversation has none (evaluated lazily by coalesce).
      coalesce(c.channel, (SELECT k.channel FROM contacts k
        WHERE k.org_id = c.org_id AND k.conversation_id = c.id AND k.ended_at IS NULL LIMIT 1)) AS channel,
      cu.custom_attributes AS customer_attributes,
      coalesce((SELECT array_agg(t.topic_id) FROM conversation_topics t
        WHERE t.org_id = c.org_id AND t.conversation_id = c.id), '{}') AS topic_ids
    FROM conversations c
    JOIN customers cu ON cu.org_id = c.org_id AND cu.id = c.customer_id
    WHERE c.org_id = ${orgId} AND c.agent_id IS NULL AND c.status <> 'CLOSED' AND c.status = 'OPEN'
      AND c.customer_waiting_since IS NOT NULL
      ${filterSql('c', filter)}
      AND coalesce((SELECT i.content_type FROM conversation_items i
        WHERE i.org_id = c.org_id AND i.conversation_id = c.id
        ORDER BY i.occurred_at DESC, i.seq DESC LIMIT 1), '') <> ${NOTE_TYPE}`.execute(db);
  return result.rows;
}

export interface TTaskItemRow {
  id: string;
  customer_id: string;
  inbox_id: string;
  due_at: Date;
  created_at: Date;
  customer_attributes: Record<string, unknown> | null;
}

/** Open tasks without an agent (tasks_routable index); `filter` as for listRoutableConversations. */
export async function listRoutableTasks(db: TExecutor, orgId: string, filter?: TQueueFilter): Promise<TTaskItemRow[]> {
  if (nothingToRead(filter)) return [];
  const result = await sql<TTaskItemRow>`
    SELECT t.id, t.customer_id, t.inbox_id, t.due_at, t.created_at, cu.custom_attributes AS customer_attributes
    FROM tasks t JOIN customers cu ON cu.org_id = t.org_id AND cu.id = t.customer_id
    WHERE t.org_id = ${orgId} AND t.agent_id IS NULL AND t.status = 'OPEN'
      ${filterSql('t', filter)}`.execute(db);
  return result.rows;
}

/**
 * The routing journal's entries (migrations 0010, 0011) of transactions at or past `since` (a transaction horizon):
 * the items, customers, agents and inboxes whose part of the snapshot may have changed; and the horizon of this read,
 * taken from the very snapshot the entries are read with (db/transaction-horizon.ts), so one round trip does both.
 * Repeats across reads are harmless: what they name is re-read as it is now.
 */
export async function listRoutingChanges(db: TExecutor, orgId: string, since: bigint) {
  const result = await sql<{ horizon: string; kind: 'I' | 'C' | 'A' | 'N' | null; id: string | null }>`
    SELECT h.horizon, c.kind, c.id
    FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon) h
    LEFT JOIN (SELECT DISTINCT kind, id FROM routing_changes WHERE org_id = ${orgId} AND xid >= ${since.toString()}::xid8) c
      ON true`.execute(db);
  const changed = {
    horizon: BigInt(result.rows[0]?.horizon ?? '0'),
    itemIds: [] as string[],
    customerIds: [] as string[],
    agentIds: [] as string[],
    inboxIds: [] as string[],
  };
  const listOf = { I: changed.itemIds, C: changed.customerIds, A: changed.agentIds, N: changed.inboxIds };
  for (const row of result.rows) if (row.kind !== null && row.id !== null) listOf[row.kind].push(row.id);
  return changed;
}

/** Drop journal entries below a horizon the org's routing queue has read past. */
export async function pruneRoutingChanges(db: TExecutor, orgId: string, below: bigint): Promise<void> {
  await sql`DELETE FROM routing_changes WHERE org_id = ${orgId} AND xid < ${below.toString()}::xid8`.execute(db);
}

export interface TRejectionRow {
  item_id: string;
  agent_id: string;
  status: 'DECLINED' | 'MISSED';
  resolved_at: Date;
}

/**
 * Declines and misses of these items resolved since `since`, for the grace period: probes the
 * routing_offers_rejections index (org_id, item_id, resolved_at) per item, so old rejections are never scanned.
 */
export async function listRecentRejections(
  db: TExecutor,
  orgId: string,
  itemIds: readonly string[],
  since: Date,
): Promise<TRejectionRow[]> {
  if (itemIds.length === 0) return [];
  const result = await sql<TRejectionRow>`
    SELECT item_id, agent_id, status, resolved_at FROM routing_offers
    WHERE org_id = ${orgId} AND item_id = ANY(${[...itemIds]}::text[]) AND status IN ('DECLINED', 'MISSED')
      AND resolved_at >= ${since}`.execute(db);
  return result.rows;
}
