import { type Selectable, sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { RoutingOffersTable, TOfferStatus } from '../../db/schema/routing-tables.js';

// SQL of the routing offers' rows (routing_offers: the claims, their resolution) and of what an offer's banner shows.
// The snapshot's reads of offers stay with the others in snapshot.repository.ts.

/** A routing_offers row as read (and as insertOffersClaiming writes it: match_reasons as an array). */
export type TOfferRow = Selectable<RoutingOffersTable>;

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

/** Resolve an offer still in status `from` (PENDING unless said); false when it was no longer in it. */
export async function resolveOffer(
  db: TExecutor,
  orgId: string,
  offerId: string,
  status: Exclude<TOfferStatus, 'PENDING'>,
  at: Date,
  from: TOfferStatus = 'PENDING',
): Promise<boolean> {
  const rows = await db
    .updateTable('routing_offers')
    .set({ status, resolved_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', offerId)
    .where('status', '=', from)
    .returning('id')
    .execute();
  return rows.length > 0;
}

/**
 * Accept the agent's own offer if it is PENDING and has not run out at `at`: the claim and its row lock in one
 * statement. Undefined when it is not such an offer (the caller reads it to say why).
 */
export function acceptOwnPendingOffer(db: TExecutor, orgId: string, offerId: string, agentId: string, at: Date) {
  return db
    .updateTable('routing_offers')
    .set({ status: 'ACCEPTED', resolved_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', offerId)
    .where('agent_id', '=', agentId)
    .where('status', '=', 'PENDING')
    .where('expires_at', '>', at)
    .returningAll()
    .executeTakeFirst() as Promise<TOfferRow | undefined>;
}

/**
 * Insert offers set-based; a row the partial unique indexes refuse (the item or the agent already has a PENDING
 * offer) is skipped, not an error. Returns the ids of the rows written: the claims this statement won.
 */
export async function insertOffersClaiming(db: TExecutor, rows: readonly TOfferRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const won = await db
    .insertInto('routing_offers')
    .values(rows.map((row) => ({ ...row, match_reasons: JSON.stringify(row.match_reasons) })))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return new Set(won.map((r) => r.id));
}

export interface TOfferDisplayRow {
  customer_id: string;
  customer_name: string;
  inbox_id: string;
  inbox_name: string;
  preview: string | null;
}

/**
 * What the offer banner shows: customer, inbox and a preview — the text of the newest inbound item that has any, by
 * the same extractor as search and the inbox list (`hearth_item_search_text`, migration 0008: email subject and
 * text, custom-channel `content.text` / `caption`, chat and SMS `content`), or the task's body.
 */
export async function findOfferDisplay(
  db: TExecutor,
  orgId: string,
  kind: 'CONVERSATION' | 'TASK',
  itemId: string,
): Promise<TOfferDisplayRow | undefined> {
  return (await listOfferDisplays(db, orgId, kind, [itemId])).get(itemId);
}

/** `findOfferDisplay` for many items of one kind in one statement, by item id. */
export async function listOfferDisplays(
  db: TExecutor,
  orgId: string,
  kind: 'CONVERSATION' | 'TASK',
  itemIds: readonly string[],
): Promise<Map<string, TOfferDisplayRow>> {
  if (itemIds.length === 0) return new Map();
  const ids = [...itemIds];
  const result =
    kind === 'TASK'
      ? await sql<TOfferDisplayRow & { id: string }>`
        SELECT t.id, t.customer_id, cu.name AS customer_name, t.inbox_id, i.name AS inbox_name, t.body AS preview
        FROM tasks t JOIN customers cu ON cu.org_id = t.org_id AND cu.id = t.customer_id
        JOIN inboxes i ON i.org_id = t.org_id AND i.id = t.inbox_id
        WHERE t.org_id = ${orgId} AND t.id = ANY(${ids}::text[])`.execute(db)
      : await sql<TOfferDisplayRow & { id: string }>`
        SELECT c.id, c.customer_id, cu.name AS customer_name, c.inbox_id, i.name AS inbox_name,
          (SELECT hearth_item_search_text(it.content_type, it.content) FROM conversation_items it
            WHERE it.org_id = c.org_id AND it.conversation_id = c.id AND it.direction = 'INBOUND'
              AND coalesce(hearth_item_search_text(it.content_type, it.content), '') <> ''
            ORDER BY it.occurred_at DESC, it.seq DESC LIMIT 1) AS preview
        FROM conversations c JOIN customers cu ON cu.org_id = c.org_id AND cu.id = c.customer_id
        JOIN inboxes i ON i.org_id = c.org_id AND i.id = c.inbox_id
        WHERE c.org_id = ${orgId} AND c.id = ANY(${ids}::text[])`.execute(db);
  return new Map(result.rows.map(({ id, ...row }) => [id, row]));
}
