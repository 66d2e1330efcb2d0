import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { ContactsTable } from '../../db/schema/routing-tables.js';
import type { TConversationRow } from '../../db/schema.js';

// SQL of the contacts module: contact rows and the routing columns of conversations.

export function insertContact(db: TExecutor, row: Insertable<ContactsTable>) {
  return db.insertInto('contacts').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateContact(db: TExecutor, orgId: string, id: string, changes: Updateable<ContactsTable>) {
  return db
    .updateTable('contacts')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Several live contacts offered at once, each to its agent: one statement for a routing run's offers. */
export async function offerContacts(
  db: TExecutor,
  orgId: string,
  offers: readonly { contactId: string; agentId: string }[],
  at: Date,
): Promise<Selectable<ContactsTable>[]> {
  if (offers.length === 0) return [];
  const result = await sql<Selectable<ContactsTable>>`
    UPDATE contacts AS c SET status = 'OFFERED', offered_at = ${at}, agent_id = v.agent_id
    FROM unnest(${offers.map((o) => o.contactId)}::text[], ${offers.map((o) => o.agentId)}::text[]) AS v(id, agent_id)
    WHERE c.org_id = ${orgId} AND c.id = v.id AND c.ended_at IS NULL
    RETURNING c.*`.execute(db);
  return result.rows;
}

export function setConversationRouting(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  changes: Partial<Pick<TConversationRow, 'due_at' | 'channel' | 'queued_at' | 'transferred' | 'last_inbound_at'>>,
) {
  return db
    .updateTable('conversations')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .returningAll()
    .executeTakeFirst();
}

export async function findInboxSlaMinutes(db: TExecutor, orgId: string, inboxId: string): Promise<number | null> {
  const row = await db
    .selectFrom('inboxes')
    .select('sla_minutes')
    .where('org_id', '=', orgId)
    .where('id', '=', inboxId)
    .executeTakeFirst();
  return row?.sla_minutes ?? null;
}

/**
 * The conversation's live contact accepted by an agent (ACTIVE with them; the first acceptance time is kept), with
 * the id of the conversation's newest inbound item (CONTACT/JOINED names it): one statement. Undefined when the
 * conversation has no live contact.
 */
export function acceptLiveContact(db: TExecutor, orgId: string, conversationId: string, agentId: string, at: Date) {
  return db
    .updateTable('contacts')
    .set({ status: 'ACTIVE', agent_id: agentId, accepted_at: sql<Date>`coalesce(accepted_at, ${at})` })
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('ended_at', 'is', null)
    .returningAll()
    .returning((eb) =>
      eb
        .selectFrom('conversation_items')
        .select('id')
        .where('org_id', '=', orgId)
        .where('conversation_id', '=', conversationId)
        .where('direction', '=', 'INBOUND')
        .orderBy('occurred_at', 'desc')
        .orderBy('seq', 'desc')
        .limit(1)
        .as('latest_inbound_item_id'),
    )
    .executeTakeFirst();
}

export function lockConversation(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .forUpdate()
    .executeTakeFirst();
}

export function updateConversationState(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  changes: Partial<
    Pick<
      TConversationRow,
      'status' | 'customer_waiting_since' | 'updated_at' | 'due_at' | 'queued_at' | 'transferred' | 'last_inbound_at'
    >
  >,
) {
  return db
    .updateTable('conversations')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
