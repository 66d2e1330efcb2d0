import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';

// The agent desktop's reads (SQL only). Every query is scoped to one org. Timestamps used as keyset cursors are
// read back as PostgreSQL text (`::text`, microseconds kept) and compared after a `::timestamptz` cast, so a cursor
// never loses the sub-millisecond part a JavaScript Date would drop.

/** Item types a timeline or a preview skips: bookkeeping with no text of its own. */
const NON_TEXT_TYPES = ['CONVERSATION_STATUS_CHANGE', 'TOPIC_CHANGE'];

export function listInboxesForDesktop(db: TExecutor, orgId: string, userId: string, all: boolean) {
  let query = db
    .selectFrom('inboxes as i')
    .select(['i.id', 'i.name'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('inbox_members as m')
            .select(sql`1`.as('one'))
            .whereRef('m.org_id', '=', 'i.org_id')
            .whereRef('m.inbox_id', '=', 'i.id')
            .where('m.user_id', '=', userId),
        )
        .as('member'),
    )
    .where('i.org_id', '=', orgId)
    .where('i.disabled', '=', false);
  if (!all) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('inbox_members as m')
          .select(sql`1`.as('one'))
          .whereRef('m.org_id', '=', 'i.org_id')
          .whereRef('m.inbox_id', '=', 'i.id')
          .where('m.user_id', '=', userId),
      ),
    );
  }
  return query.orderBy('i.name').orderBy('i.id').execute();
}

export function isInboxMember(db: TExecutor, orgId: string, inboxId: string, userId: string) {
  return db
    .selectFrom('inbox_members')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('inbox_id', '=', inboxId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

export function findInboxName(db: TExecutor, orgId: string, inboxId: string) {
  return db
    .selectFrom('inboxes')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', '=', inboxId)
    .executeTakeFirst();
}

/**
 * Per-inbox tab counts (UI statuses are exclusive: an unassigned conversation is New whatever its API status). Two
 * reads, so that each uses its partial index (live by inbox, closed by inbox and close time) and neither reads an
 * inbox's closed history.
 */
export async function countByInbox(db: TExecutor, orgId: string, inboxIds: string[], now: Date, closedSince: Date) {
  if (inboxIds.length === 0) return [];
  const [live, closed] = await Promise.all([
    db
      .selectFrom('conversations')
      .select((eb) => [
        'inbox_id',
        eb.fn.countAll<string>().filterWhere('agent_id', 'is', null).as('new'),
        eb.fn.countAll<string>().filterWhere('agent_id', 'is not', null).filterWhere('status', '=', 'OPEN').as('open'),
        eb.fn
          .countAll<string>()
          .filterWhere('agent_id', 'is not', null)
          .filterWhere('status', '=', 'WAITING')
          .as('waiting'),
        eb.fn.countAll<string>().filterWhere('due_at', '<', now).as('overdue'),
      ])
      .where('org_id', '=', orgId)
      .where('inbox_id', 'in', inboxIds)
      .where('status', '<>', 'CLOSED')
      .groupBy('inbox_id')
      .execute(),
    db
      .selectFrom('conversations')
      .select((eb) => ['inbox_id', eb.fn.countAll<string>().as('closed')])
      .where('org_id', '=', orgId)
      .where('inbox_id', 'in', inboxIds)
      .where('status', '=', 'CLOSED')
      .where('closed_at', '>=', closedSince)
      .groupBy('inbox_id')
      .execute(),
  ]);
  const closedOf = new Map(closed.map((c) => [c.inbox_id, Number(c.closed)]));
  const liveOf = new Map(live.map((l) => [l.inbox_id, l]));
  return inboxIds.map((inboxId) => {
    const l = liveOf.get(inboxId);
    return {
      inbox_id: inboxId,
      new: Number(l?.new ?? 0),
      open: Number(l?.open ?? 0),
      waiting: Number(l?.waiting ?? 0),
      closed: closedOf.get(inboxId) ?? 0,
      overdue: Number(l?.overdue ?? 0),
    };
  });
}

/** The signed-in agent's own work: assigned conversations by status, plus open tasks (they show as Open). */
export async function countMine(db: TExecutor, orgId: string, userId: string, now: Date) {
  const [conversations, tasks] = await Promise.all([
    db
      .selectFrom('conversations')
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('status', '=', 'OPEN').as('open'),
        eb.fn.countAll<string>().filterWhere('status', '=', 'WAITING').as('waiting'),
        eb.fn.countAll<string>().filterWhere('due_at', '<', now).as('overdue'),
      ])
      .where('org_id', '=', orgId)
      .where('agent_id', '=', userId)
      .where('status', '<>', 'CLOSED')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('tasks')
      .select((eb) => [
        eb.fn.countAll<string>().as('open'),
        eb.fn.countAll<string>().filterWhere('due_at', '<', now).as('overdue'),
      ])
      .where('org_id', '=', orgId)
      .where('agent_id', '=', userId)
      .where('status', '=', 'OPEN')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    open: Number(conversations.open) + Number(tasks.open),
    waiting: Number(conversations.waiting),
    overdue: Number(conversations.overdue) + Number(tasks.overdue),
  };
}

export type TListView = 'new' | 'open' | 'waiting' | 'closed';

export interface TListFilter {
  orgId: string;
  /** An inbox id, or the agent whose assigned conversations are listed (`mine`). */
  scope: { inboxId: string } | { agentId: string };
  view: TListView;
  limit: number;
  now: Date;
  closedSince: Date;
  /** Keyset position after which the page starts: [sort timestamp text, id] (see conversation-list cursors). */
  after?: { at: string; second: string; id: string };
}

/**
 * One page of a conversation list. Open views sort by due date, most overdue first, conversations without a due
 * date last (by creation); the closed view sorts by close time, newest first. Keys: (coalesce(due_at, infinity),
 * created_at, id) or (closed_at, id), compared as rows so the keyset stays one index-friendly condition.
 */
export function listConversations(db: TExecutor, filter: TListFilter) {
  const { orgId, view } = filter;
  let query = db
    .selectFrom('conversations as c')
    .innerJoin('customers as cu', (join) =>
      join.onRef('cu.org_id', '=', 'c.org_id').onRef('cu.id', '=', 'c.customer_id'),
    )
    .innerJoin('inboxes as i', (join) => join.onRef('i.org_id', '=', 'c.org_id').onRef('i.id', '=', 'c.inbox_id'))
    .leftJoin('users as u', (join) => join.onRef('u.org_id', '=', 'c.org_id').onRef('u.id', '=', 'c.agent_id'))
    .select([
      'c.id',
      'c.customer_id',
      'c.inbox_id',
      'c.agent_id',
      'c.status',
      'c.channel',
      'c.due_at',
      'c.created_at',
      'c.updated_at',
      'c.closed_at',
      // A profile without a name (a first SMS, an email without a display name) is shown by its address.
      sql<string>`coalesce(nullif(cu.name, ''),
        (SELECT e.original FROM customer_emails e WHERE e.org_id = cu.org_id AND e.customer_id = cu.id
          ORDER BY e.is_primary DESC, e.position LIMIT 1),
        (SELECT p.original FROM customer_phones p WHERE p.org_id = cu.org_id AND p.customer_id = cu.id
          ORDER BY p.is_primary DESC, p.position LIMIT 1), '')`.as('customer_name'),
      'i.name as inbox_name',
      'u.name as agent_name',
      sql<string>`coalesce(c.due_at, 'infinity'::timestamptz)::text`.as('due_key'),
      sql<string>`c.created_at::text`.as('created_key'),
      sql<string | null>`c.closed_at::text`.as('closed_key'),
    ])
    .select((eb) => [
      eb
        .selectFrom('conversation_items as it')
        .select(sql<string | null>`hearth_item_search_text(it.content_type, it.content)`.as('t'))
        .whereRef('it.org_id', '=', 'c.org_id')
        .whereRef('it.conversation_id', '=', 'c.id')
        .where('it.content_type', 'not in', NON_TEXT_TYPES)
        .orderBy('it.occurred_at', 'desc')
        .orderBy('it.seq', 'desc')
        .limit(1)
        .as('preview_text'),
      eb
        .selectFrom('conversation_items as it')
        .select('it.occurred_at')
        .whereRef('it.org_id', '=', 'c.org_id')
        .whereRef('it.conversation_id', '=', 'c.id')
        .orderBy('it.occurred_at', 'desc')
        .orderBy('it.seq', 'desc')
        .limit(1)
        .as('last_item_at'),
      sql<string[]>`array(SELECT ct.topic_id FROM conversation_topics ct
        WHERE ct.org_id = c.org_id AND ct.conversation_id = c.id ORDER BY ct.added_at, ct.topic_id)`.as('topic_ids'),
    ])
    .where('c.org_id', '=', orgId);
  query =
    'inboxId' in filter.scope
      ? query.where('c.inbox_id', '=', filter.scope.inboxId)
      : query.where('c.agent_id', '=', filter.scope.agentId);
  switch (view) {
    case 'new':
      query = query.where('c.agent_id', 'is', null).where('c.status', '<>', 'CLOSED');
      break;
    case 'open':
      query = query.where('c.agent_id', 'is not', null).where('c.status', '=', 'OPEN');
      break;
    case 'waiting':
      query = query.where('c.agent_id', 'is not', null).where('c.status', '=', 'WAITING');
      break;
    case 'closed':
      query = query.where('c.status', '=', 'CLOSED').where('c.closed_at', '>=', filter.closedSince);
      break;
  }
  const after = filter.after;
  if (view === 'closed') {
    if (after) query = query.where(sql<boolean>`(c.closed_at, c.id) < (${after.at}::timestamptz, ${after.id})`);
    query = query.orderBy('c.closed_at', 'desc').orderBy('c.id', 'desc');
  } else {
    if (after) {
      query = query.where(
        sql<boolean>`(coalesce(c.due_at, 'infinity'::timestamptz), c.created_at, c.id)
          > (${after.at}::timestamptz, ${after.second}::timestamptz, ${after.id})`,
      );
    }
    query = query.orderBy(sql`coalesce(c.due_at, 'infinity'::timestamptz)`).orderBy('c.created_at').orderBy('c.id');
  }
  return query.limit(filter.limit + 1).execute();
}

export type TListedConversation = Awaited<ReturnType<typeof listConversations>>[number];
