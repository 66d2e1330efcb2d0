import { sql } from 'kysely';
import type { TDatabase, TExecutor } from '../../db/database.js';

// Search SQL (product spec 8.5). See docs/DESKTOP-API.md for the plan choices.

export interface TItemSearchOptions {
  orgId: string;
  query: string;
  limit: number;
  /** Start of the recent window searched first. */
  recentSince: Date;
}

/** How many of the newest matches in the recent window are ranked. */
export const RECENT_CANDIDATES = 200;

/** Cap on the text ts_headline reads per hit: a snippet comes from the start of long emails. */
const HEADLINE_TEXT_MAX = 20_000;

type TItemHit = {
  id: string;
  customer_id: string;
  conversation_id: string | null;
  occurred_at: Date;
  content_type: string;
  rank: number;
  snippet: string;
};

/**
 * The best-ranked matching items of one org, in two bounded steps. The trap this avoids (architecture.md): with
 * `ORDER BY occurred_at DESC LIMIT n` over a match the planner believes common, PostgreSQL walks the time index
 * backwards and filters, which for a term nobody wrote means reading every row of the org (≈ 0.9 s over 1M rows).
 *
 * 1. Recent: the newest RECENT_CANDIDATES matches inside a recent window (at most the window's rows are read, and
 *    for a common term only a few hundred), ranked by ts_rank. Enough hits → done.
 * 2. Otherwise the term is rare (or old): every match of all time through bitmap scans only (index and sequential
 *    scans are switched off for this transaction), so the GIN index on `search_vector` drives the read and the work
 *    is bounded by the number of matches: none for a term nobody wrote, whatever the statistics say.
 *
 * Plans are always custom (the pool prepares statements by name, and a generic plan knows nothing of the terms).
 */
export function searchItems(db: TDatabase, options: TItemSearchOptions): Promise<TItemHit[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL plan_cache_mode = force_custom_plan`.execute(trx);
    const q = sql`websearch_to_tsquery('english'::regconfig, ${options.query})`;
    const recent = await sql<TItemHit>`
      WITH candidates AS MATERIALIZED (
        SELECT ci.id, ci.customer_id, ci.conversation_id, ci.occurred_at, ci.seq, ci.content_type, ci.content,
               ci.search_vector
        FROM conversation_items ci
        WHERE ci.org_id = ${options.orgId}
          AND ci.search_vector @@ ${q}
          AND ci.occurred_at >= ${options.recentSince}
        ORDER BY ci.occurred_at DESC
        LIMIT ${RECENT_CANDIDATES}
      ), hits AS MATERIALIZED (
        SELECT c.*, ts_rank(c.search_vector, ${q}) AS rank FROM candidates c
        ORDER BY rank DESC, c.occurred_at DESC, c.seq DESC
        LIMIT ${options.limit}
      )
      ${selectWithSnippet(q)}
    `.execute(trx);
    if (recent.rows.length >= options.limit) return recent.rows;

    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    await sql`SET LOCAL enable_indexscan = off`.execute(trx);
    const all = await sql<TItemHit>`
      WITH hits AS MATERIALIZED (
        SELECT ci.id, ci.customer_id, ci.conversation_id, ci.occurred_at, ci.seq, ci.content_type, ci.content,
               ts_rank(ci.search_vector, ${q}) AS rank
        FROM conversation_items ci
        WHERE ci.org_id = ${options.orgId}
          AND ci.search_vector @@ ${q}
        ORDER BY rank DESC, ci.occurred_at DESC, ci.seq DESC
        LIMIT ${options.limit}
      )
      ${selectWithSnippet(q)}
    `.execute(trx);
    return all.rows;
  });
}

/**
 * The hits with a snippet. ts_headline runs over the HTML-escaped text, so the only markup in its output is the
 * <mark> pairs it adds (entities stay whole: the parser reads them as single tokens).
 */
function selectWithSnippet(q: ReturnType<typeof sql>) {
  return sql`
    SELECT h.id, h.customer_id, h.conversation_id, h.occurred_at, h.content_type, h.rank,
      ts_headline('english'::regconfig,
        replace(replace(replace(replace(
          left(coalesce(hearth_item_search_text(h.content_type, h.content), ''), ${HEADLINE_TEXT_MAX}),
          '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'),
        ${q},
        'StartSel=<mark>, StopSel=</mark>, MaxWords=40, MinWords=25') AS snippet
    FROM hits h
    ORDER BY h.rank DESC, h.occurred_at DESC, h.seq DESC
  `;
}

/** True when the words of a query reduce to no lexeme at all ("the", "!!!"): nothing can match, skip the search. */
export async function isEmptyTsQuery(db: TExecutor, query: string): Promise<boolean> {
  const result = await sql<{ empty: boolean }>`
    SELECT numnode(websearch_to_tsquery('english'::regconfig, ${query})) = 0 AS empty
  `.execute(db);
  return result.rows[0]?.empty ?? true;
}

export function findCustomerNames(db: TExecutor, orgId: string, customerIds: string[]) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', customerIds)
    .execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Live profiles whose name contains the text (trigram index on lower(name)); prefix matches rank first. */
export function searchCustomersByName(db: TExecutor, orgId: string, text: string, limit: number) {
  const needle = text.toLowerCase();
  return db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('merged_into_id', 'is', null)
    .where(sql<boolean>`lower(name) LIKE ${`%${escapeLike(needle)}%`}`)
    .orderBy(sql`lower(name) LIKE ${`${escapeLike(needle)}%`}`, 'desc')
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Profiles with an email starting with the text (the (org_id, normalized text_pattern_ops) index). */
export function searchCustomersByEmail(db: TExecutor, orgId: string, prefix: string, limit: number) {
  return db
    .selectFrom('customer_emails as e')
    .innerJoin('customers as c', (join) => join.onRef('c.org_id', '=', 'e.org_id').onRef('c.id', '=', 'e.customer_id'))
    .select(['c.id', 'c.name'])
    .distinct()
    .where('e.org_id', '=', orgId)
    .where('c.merged_into_id', 'is', null)
    .where(sql<boolean>`e.normalized LIKE ${`${escapeLike(prefix.toLowerCase())}%`}`)
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

/** Profiles with a phone whose digits contain the given digits (trigram index on the normalized number's digits). */
export function searchCustomersByPhoneDigits(db: TExecutor, orgId: string, digits: string, limit: number) {
  return db
    .selectFrom('customer_phones as p')
    .innerJoin('customers as c', (join) => join.onRef('c.org_id', '=', 'p.org_id').onRef('c.id', '=', 'p.customer_id'))
    .select(['c.id', 'c.name'])
    .distinct()
    .where('p.org_id', '=', orgId)
    .where('c.merged_into_id', 'is', null)
    .where(sql<boolean>`regexp_replace(p.normalized, '[^0-9]', '', 'g') LIKE ${`%${digits}%`}`)
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export async function loadContactDetails(db: TExecutor, orgId: string, customerIds: string[]) {
  if (customerIds.length === 0) return { emails: [], phones: [] };
  const [emails, phones] = await Promise.all([
    db
      .selectFrom('customer_emails')
      .select(['customer_id', 'original', 'normalized'])
      .where('org_id', '=', orgId)
      .where('customer_id', 'in', customerIds)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('customer_phones')
      .select(['customer_id', 'original', 'normalized'])
      .where('org_id', '=', orgId)
      .where('customer_id', 'in', customerIds)
      .orderBy('position')
      .execute(),
  ]);
  return { emails, phones };
}
