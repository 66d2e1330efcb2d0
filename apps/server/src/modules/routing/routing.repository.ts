import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { TOfferStatus } from '../../db/schema/routing-tables.js';
import { MESSAGING_CHANNELS } from '../contacts/contacts.queries.js';

// SQL of the routing service: the snapshot's reads (each one statement over an indexed path of migration
// 0007-routing) and the offers' writes. Times come back as Date; the snapshot builder turns them into epoch ms.

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

/** Active users with the AGENT role and their presence (absent presence = logged out). */
export async function listAgentRows(db: TExecutor, orgId: string): Promise<TAgentRow[]> {
  const result = await sql<TAgentRow>`
    SELECT u.id AS user_id, p.logged_in, p.status, p.available_for, p.focus_mode, p.skills,
      p.messaging_capacity_standard, p.messaging_capacity_maximum, p.next_requests, p.mail_task_auto_push_pending,
      p.last_offered_at, p.last_assigned_at, p.last_messaging_assigned_at
    FROM users u
    LEFT JOIN agent_presence p ON p.org_id = u.org_id AND p.user_id = u.id
    WHERE u.org_id = ${orgId} AND u.active AND 'AGENT' = ANY(u.roles)`.execute(db);
  return result.rows;
}

export async function listInboxMemberships(
  db: TExecutor,
  orgId: string,
): Promise<{ user_id: string; inbox_id: string }[]> {
  const result = await sql<{ user_id: string; inbox_id: string }>`
    SELECT m.user_id, m.inbox_id FROM inbox_members m
    JOIN inboxes i ON i.org_id = m.org_id AND i.id = m.inbox_id AND NOT i.disabled
    WHERE m.org_id = ${orgId}`.execute(db);
  return result.rows;
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
export async function listAgentLoads(db: TExecutor, orgId: string): Promise<TLoadRow[]> {
  const result = await sql<TLoadRow>`
    SELECT agent_id, sum(voice)::int AS voice, sum(messaging)::int AS messaging, sum(mail)::int AS mail,
      sum(tasks)::int AS tasks
    FROM (
      SELECT agent_id, (channel = 'PHONE_CALL')::int AS voice, (channel = ANY(${MESSAGING_CHANNELS}))::int AS messaging,
        0 AS mail, 0 AS tasks
      FROM contacts WHERE org_id = ${orgId} AND ended_at IS NULL AND agent_id IS NOT NULL AND status <> 'OFFERED'
      UNION ALL
      SELECT agent_id, 0, 0, 1, 0 FROM conversations
      WHERE org_id = ${orgId} AND agent_id IS NOT NULL AND status <> 'CLOSED' AND status = 'OPEN'
        AND channel = ANY(${MAIL_CHANNELS})
      UNION ALL
      SELECT agent_id, 0, 0, 0, 1 FROM tasks WHERE org_id = ${orgId} AND agent_id IS NOT NULL AND status = 'OPEN'
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

export async function listPendingOffers(db: TExecutor, orgId: string): Promise<TPendingOfferRow[]> {
  return db
    .selectFrom('routing_offers')
    .select(['id', 'item_id', 'agent_id', 'offered_at', 'expires_at'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'PENDING')
    .execute();
}

export interface TConversationItemRow {
  id: string;
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
 * Routable conversations (engine/routable.ts): no agent, OPEN, a customer waiting (NRN clears it), and the newest
 * item is not a note. Uses the conversations_routable partial index.
 */
export async function listRoutableConversations(db: TExecutor, orgId: string): Promise<TConversationItemRow[]> {
  const result = await sql<TConversationItemRow>`
    SELECT c.id, c.inbox_id, c.due_at, c.queued_at, c.customer_waiting_since, c.transferred,
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
      AND coalesce((SELECT i.content_type FROM conversation_items i
        WHERE i.org_id = c.org_id AND i.conversation_id = c.id
        ORDER BY i.occurred_at DESC, i.seq DESC LIMIT 1), '') <> ${NOTE_TYPE}`.execute(db);
  return result.rows;
}

export interface TTaskItemRow {
  id: string;
  inbox_id: string;
  due_at: Date;
  created_at: Date;
  customer_attributes: Record<string, unknown> | null;
}

/** Open tasks without an agent (tasks_routable index). */
export async function listRoutableTasks(db: TExecutor, orgId: string): Promise<TTaskItemRow[]> {
  const result = await sql<TTaskItemRow>`
    SELECT t.id, t.inbox_id, t.due_at, t.created_at, cu.custom_attributes AS customer_attributes
    FROM tasks t JOIN customers cu ON cu.org_id = t.org_id AND cu.id = t.customer_id
    WHERE t.org_id = ${orgId} AND t.agent_id IS NULL AND t.status = 'OPEN'`.execute(db);
  return result.rows;
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

// --- Offers -------------------------------------------------------------------------------------------------

export interface TOfferRow {
  org_id: string;
  id: string;
  item_kind: 'CONVERSATION' | 'TASK';
  item_id: string;
  contact_id: string | null;
  agent_id: string;
  channel_group: 'VOICE' | 'MESSAGING' | 'MAIL' | 'TASK';
  offered_at: Date;
  expires_at: Date;
  declinable: boolean;
  status: TOfferStatus;
  resolved_at: Date | null;
  points: number;
  match_reasons: string[];
}

export function findOffer(db: TExecutor, orgId: string, offerId: string, forUpdate = false) {
  let query = db.selectFrom('routing_offers').selectAll().where('org_id', '=', orgId).where('id', '=', offerId);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst() as Promise<TOfferRow | undefined>;
}

export function findPendingOfferOfAgent(db: TExecutor, orgId: string, agentId: string) {
  return db
    .selectFrom('routing_offers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('agent_id', '=', agentId)
    .where('status', '=', 'PENDING')
    .executeTakeFirst() as Promise<TOfferRow | undefined>;
}

export async function insertOffer(db: TExecutor, row: TOfferRow): Promise<void> {
  await db
    .insertInto('routing_offers')
    .values({ ...row, match_reasons: JSON.stringify(row.match_reasons) })
    .execute();
}

/** Resolve a PENDING offer; false when it was no longer pending. */
export async function resolveOffer(
  db: TExecutor,
  orgId: string,
  offerId: string,
  status: Exclude<TOfferStatus, 'PENDING'>,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .updateTable('routing_offers')
    .set({ status, resolved_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', offerId)
    .where('status', '=', 'PENDING')
    .returning('id')
    .execute();
  return rows.length > 0;
}

// --- Items under lock ---------------------------------------------------------------------------------------

export function lockConversation(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .forUpdate()
    .executeTakeFirst();
}

export function lockTask(db: TExecutor, orgId: string, taskId: string) {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', taskId)
    .forUpdate()
    .executeTakeFirst();
}

export function lockPresenceRow(db: TExecutor, orgId: string, userId: string) {
  return db
    .selectFrom('agent_presence')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function isInboxMember(db: TExecutor, orgId: string, userId: string, inboxId: string): Promise<boolean> {
  const row = await db
    .selectFrom('inbox_members')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('inbox_id', '=', inboxId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isActiveAgent(db: TExecutor, orgId: string, userId: string): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`
    SELECT true AS ok FROM users WHERE org_id = ${orgId} AND id = ${userId} AND active AND 'AGENT' = ANY(roles)`.execute(
    db,
  );
  return result.rows.length > 0;
}

export async function countLiveMessagingContacts(db: TExecutor, orgId: string, agentId: string): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM contacts
    WHERE org_id = ${orgId} AND agent_id = ${agentId} AND ended_at IS NULL AND status <> 'OFFERED' AND channel = ANY(${MESSAGING_CHANNELS})`.execute(
    db,
  );
  return result.rows[0]?.n ?? 0;
}

export function findLiveContactOf(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export interface TOfferDisplayRow {
  customer_id: string;
  customer_name: string;
  inbox_id: string;
  inbox_name: string;
  preview: unknown;
}

/** What the offer banner shows: customer, inbox and a preview (newest inbound message or the task's body). */
export async function findOfferDisplay(
  db: TExecutor,
  orgId: string,
  kind: 'CONVERSATION' | 'TASK',
  itemId: string,
): Promise<TOfferDisplayRow | undefined> {
  const result =
    kind === 'TASK'
      ? await sql<TOfferDisplayRow>`
        SELECT t.customer_id, cu.name AS customer_name, t.inbox_id, i.name AS inbox_name, t.body AS preview
        FROM tasks t JOIN customers cu ON cu.org_id = t.org_id AND cu.id = t.customer_id
        JOIN inboxes i ON i.org_id = t.org_id AND i.id = t.inbox_id
        WHERE t.org_id = ${orgId} AND t.id = ${itemId}`.execute(db)
      : await sql<TOfferDisplayRow>`
        SELECT c.customer_id, cu.name AS customer_name, c.inbox_id, i.name AS inbox_name,
          (SELECT it.content FROM conversation_items it
            WHERE it.org_id = c.org_id AND it.conversation_id = c.id AND it.direction = 'INBOUND'
            ORDER BY it.occurred_at DESC, it.seq DESC LIMIT 1) AS preview
        FROM conversations c JOIN customers cu ON cu.org_id = c.org_id AND cu.id = c.customer_id
        JOIN inboxes i ON i.org_id = c.org_id AND i.id = c.inbox_id
        WHERE c.org_id = ${orgId} AND c.id = ${itemId}`.execute(db);
  return result.rows[0];
}

export async function listOrgIds(db: TExecutor): Promise<string[]> {
  const rows = await db.selectFrom('orgs').select('id').execute();
  return rows.map((r) => r.id);
}
