import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { TCustomerRow } from '../../db/schema.js';
import { EXPOSED_ITEM_TYPES } from '../items/item-types.js';

// The agent desktop's reads about one customer (SQL only): the profile, the timeline with its conversation
// dividers, and the inbound messages a reply answers. Every query is scoped to one org; the timeline's keyset cursor
// is read back as PostgreSQL text and compared after a `::timestamptz` cast (see desktop.repository.ts).

/** A customer with its contact details, in the shape the customers presenter takes. */
export async function loadCustomerProfile(db: TExecutor, orgId: string, customer: TCustomerRow) {
  const [emails, phones] = await Promise.all([
    db
      .selectFrom('customer_emails')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('customer_id', '=', customer.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('customer_phones')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('customer_id', '=', customer.id)
      .orderBy('position')
      .execute(),
  ]);
  return { customer, emails, phones };
}

export function findCustomer(db: TExecutor, orgId: string, customerId: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .executeTakeFirst();
}

/** Every conversation of a customer with its inbox, agent and topics, oldest first (the timeline's dividers). */
export function listCustomerConversations(db: TExecutor, orgId: string, customerId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('inboxes as i', (join) => join.onRef('i.org_id', '=', 'c.org_id').onRef('i.id', '=', 'c.inbox_id'))
    .leftJoin('users as u', (join) => join.onRef('u.org_id', '=', 'c.org_id').onRef('u.id', '=', 'c.agent_id'))
    .select([
      'c.id',
      'c.status',
      'c.inbox_id',
      'c.agent_id',
      'c.created_at',
      'c.closed_at',
      'c.due_at',
      'i.name as inbox_name',
      'u.name as agent_name',
      sql<{ id: string; name: string }[]>`coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name)
          ORDER BY ct.added_at, t.id)
        FROM conversation_topics ct JOIN topics t ON t.org_id = ct.org_id AND t.id = ct.topic_id
        WHERE ct.org_id = c.org_id AND ct.conversation_id = c.id), '[]'::json)`.as('topics'),
    ])
    .where('c.org_id', '=', orgId)
    .where('c.customer_id', '=', customerId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

/**
 * One page of a customer's timeline, newest first, read backwards through (org_id, customer_id, occurred_at, seq).
 * `before` is the (occurred_at text, seq) of the oldest item of the previous page.
 */
export function listTimelineItems(
  db: TExecutor,
  orgId: string,
  customerId: string,
  options: { limit: number; before?: { at: string; seq: string } },
) {
  let query = db
    .selectFrom('conversation_items')
    .select([
      'id',
      'seq',
      'customer_id',
      'conversation_id',
      'session_id',
      'occurred_at',
      'initiator_id',
      'initiator_type',
      'responder_id',
      'responder_type',
      'content_type',
      'content',
      'direction',
      sql<string>`occurred_at::text`.as('occurred_key'),
    ])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('content_type', 'in', [...EXPOSED_ITEM_TYPES]);
  if (options.before) {
    query = query.where(
      sql<boolean>`(occurred_at, seq) < (${options.before.at}::timestamptz, ${options.before.seq}::bigint)`,
    );
  }
  return query
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(options.limit + 1)
    .execute();
}

/** Content types of the customer's inbound messages, in one conversation, newest first (one row per type). */
export function listInboundTypes(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversation_items')
    .select(['content_type'])
    .select((eb) => eb.fn.max('occurred_at').as('last_at'))
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'INBOUND')
    .where('initiator_type', '=', 'CUSTOMER')
    .groupBy('content_type')
    .orderBy('last_at', 'desc')
    .execute();
}

/** The customer's newest inbound message of the given types (the channel they last used). */
export function findNewestInbound(db: TExecutor, orgId: string, customerId: string, types: readonly string[]) {
  return db
    .selectFrom('conversation_items')
    .select(['id', 'content_type'])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('direction', '=', 'INBOUND')
    .where('initiator_type', '=', 'CUSTOMER')
    .where('content_type', 'in', [...types])
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest customer message of one type in a conversation: what a composer reply answers. */
export function findNewestInboundInConversation(db: TExecutor, orgId: string, conversationId: string, types: string[]) {
  return db
    .selectFrom('conversation_items')
    .select(['id', 'content_type'])
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'INBOUND')
    .where('initiator_type', '=', 'CUSTOMER')
    .where('content_type', 'in', types)
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
