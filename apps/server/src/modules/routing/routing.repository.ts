import { type Selectable, sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { deferredWrite } from '../../db/deferred-write.js';
import type { DB } from '../../db/schema.js';
import { MESSAGING_CHANNELS } from '../contacts/contacts.queries.js';

// SQL of a routing run's writes: presence after offers, the items and presence rows it locks, and the re-checks under
// those locks. The snapshot's reads are in snapshot.repository.ts, the offers' own rows in offers.repository.ts.

// --- Presence after offers ----------------------------------------------------------------------------------

/**
 * Presence after offers (one statement for a run's winners): `last_offered_at`, one Next request consumed where the
 * offer came from one, the automatic mail/task push consumed where it did. Deferred: it travels with the run's next
 * statement (db/deferred-write.ts).
 */
export async function markAgentsOffered(
  db: TExecutor,
  orgId: string,
  offers: readonly { agentId: string; viaNext: boolean; consumesAutoPush: boolean }[],
  now: Date,
): Promise<void> {
  if (offers.length === 0) return;
  await deferredWrite(
    db,
    sql`
    UPDATE agent_presence p SET last_offered_at = ${now}, updated_at = ${now},
      next_requests = p.next_requests - v.via_next::int,
      mail_task_auto_push_pending = p.mail_task_auto_push_pending AND NOT v.auto_push
    FROM unnest(${offers.map((o) => o.agentId)}::text[], ${offers.map((o) => o.viaNext)}::boolean[],
      ${offers.map((o) => o.consumesAutoPush)}::boolean[]) AS v(user_id, via_next, auto_push)
    WHERE p.org_id = ${orgId} AND p.user_id = v.user_id`,
  );
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

// Lock order: items first, then presence rows. A run's one transaction never waits on a lock: it skips rows another
// transaction holds (a message being written, an assignment, an accept) and leaves them to the next run.

/** The tables a run locks with SKIP LOCKED, each by the column its ids are in. */
const SKIP_LOCKED_KEYS = { conversations: 'id', tasks: 'id', agent_presence: 'user_id' } as const;

/** Lock this org's rows of `table` whose key is in `keys`, in key order, skipping rows held elsewhere. */
function lockRowsSkipLocked<T extends keyof typeof SKIP_LOCKED_KEYS>(
  db: TExecutor,
  table: T,
  orgId: string,
  keys: readonly string[],
): Promise<Selectable<DB[T]>[]> {
  if (keys.length === 0) return Promise.resolve([]);
  const key = sql.ref(SKIP_LOCKED_KEYS[table]);
  return db
    .selectFrom(table as keyof typeof SKIP_LOCKED_KEYS)
    .selectAll()
    .where('org_id', '=', orgId)
    .where(sql<boolean>`${key} = ANY(${[...keys]}::text[])`)
    .orderBy(key)
    .forUpdate()
    .skipLocked()
    .execute() as Promise<Selectable<DB[T]>[]>;
}

/**
 * Lock the conversations a run wants to route, skipping rows another transaction holds (a message being written,
 * an assignment, an accept): those are left to the next run, so a run's one transaction never waits on a lock.
 */
export function lockConversationsSkipLocked(db: TExecutor, orgId: string, ids: readonly string[]) {
  return lockRowsSkipLocked(db, 'conversations', orgId, ids);
}

export function lockTasksSkipLocked(db: TExecutor, orgId: string, ids: readonly string[]) {
  return lockRowsSkipLocked(db, 'tasks', orgId, ids);
}

/** Lock agents' presence rows (after the items: lock order item → presence), skipping rows held elsewhere. */
export function lockPresenceRowsSkipLocked(db: TExecutor, orgId: string, userIds: readonly string[]) {
  return lockRowsSkipLocked(db, 'agent_presence', orgId, userIds);
}

/** `${userId} ${inboxId}` for each membership of these agents. */
export async function listMembershipKeys(
  db: TExecutor,
  orgId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('inbox_members')
    .select(['user_id', 'inbox_id'])
    .where('org_id', '=', orgId)
    .where(sql<boolean>`user_id = ANY(${[...userIds]}::text[])`)
    .execute();
  return new Set(rows.map((r) => `${r.user_id} ${r.inbox_id}`));
}

/** Live messaging contacts held (not merely offered) per agent. */
export async function countLiveMessagingContactsOf(
  db: TExecutor,
  orgId: string,
  agentIds: readonly string[],
): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const result = await sql<{ agent_id: string; n: number }>`
    SELECT agent_id, count(*)::int AS n FROM contacts
    WHERE org_id = ${orgId} AND agent_id = ANY(${[...agentIds]}::text[]) AND ended_at IS NULL AND status <> 'OFFERED'
      AND channel = ANY(${MESSAGING_CHANNELS})
    GROUP BY agent_id`.execute(db);
  return new Map(result.rows.map((r) => [r.agent_id, r.n]));
}

/** The live contact (id, channel) of each of these conversations that has one. */
export async function listLiveContactsOf(
  db: TExecutor,
  orgId: string,
  conversationIds: readonly string[],
): Promise<Map<string, { id: string; channel: string }>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'conversation_id', 'channel'])
    .where('org_id', '=', orgId)
    .where(sql<boolean>`conversation_id = ANY(${[...conversationIds]}::text[])`)
    .where('ended_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.conversation_id as string, { id: r.id, channel: r.channel }]));
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

export async function listOrgIds(db: TExecutor): Promise<string[]> {
  const rows = await db.selectFrom('orgs').select('id').execute();
  return rows.map((r) => r.id);
}
