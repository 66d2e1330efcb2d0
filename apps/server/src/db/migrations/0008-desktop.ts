import { type Kysely, sql } from 'kysely';

// The agent desktop's search (issue 4, product spec 8.5): full-text search over conversation items, and customer
// lookup by name, email and phone digits.
//
// Items: a stored generated tsvector (english config, so "refunds" finds "refund") over the text a person would
// search for, taken from `content` by an IMMUTABLE function so that PostgreSQL accepts it in a generated column.
// Plain-text channels keep their text as written; HTML fields (notes, activities, an email without a text part) lose
// their tags. The text is capped so that one huge email cannot exceed tsvector's 1 MB limit and fail its insert.
//
// Customers: trigram GIN indexes (pg_trgm) make `ILIKE '%term%'` on names and phone digits fast. pg_trgm ships with
// both the embedded PostgreSQL 17 and Debian's PostgreSQL 15 and is a trusted extension (no superuser needed), but
// a server built without contrib must still migrate: there the extension and its indexes are skipped, the same
// queries run unindexed within the org, and emails keep an indexed prefix match (text_pattern_ops btree).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION hearth_strip_tags(html text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN replace(replace(replace(regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g'), '&nbsp;', ' '),
        '&lt;', '<'), '&gt;', '>');

    CREATE FUNCTION hearth_item_search_text(content_type text, content jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN left(
        CASE content_type
          WHEN 'EMAIL' THEN concat_ws(E'\n', content ->> 'subject',
            coalesce(nullif(content ->> 'content', ''), hearth_strip_tags(content ->> 'body')))
          WHEN 'CONVERSATION_NOTE' THEN hearth_strip_tags(content ->> 'body')
          WHEN 'CUSTOMER_ACTIVITY' THEN concat_ws(E'\n', content ->> 'title', hearth_strip_tags(content ->> 'body'))
          WHEN 'TASK' THEN content ->> 'body'
          WHEN 'VOICE_AI_MESSAGE' THEN content ->> 'body'
          WHEN 'CUSTOM_CHANNEL' THEN concat_ws(E'\n', content -> 'content' ->> 'text', content -> 'content' ->> 'caption')
          WHEN 'CONVERSATION_STATUS_CHANGE' THEN NULL
          WHEN 'TOPIC_CHANGE' THEN NULL
          ELSE CASE WHEN jsonb_typeof(content -> 'content') = 'string' THEN content ->> 'content' END
        END,
        100000);

    ALTER TABLE conversation_items ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(hearth_item_search_text(content_type, content), '')))
      STORED;
    CREATE INDEX conversation_items_search ON conversation_items USING gin (search_vector);
    -- Lets the search combine "matches" with "happened recently" as two bitmaps (see desktop-search.repository.ts).
    CREATE INDEX conversation_items_by_time ON conversation_items (org_id, occurred_at);

    -- Inbox tabs and counts (desktop.repository.ts): live conversations by due date, closed ones by close time.
    -- Without them an inbox's Closed tab and every count would read the inbox's whole history.
    CREATE INDEX conversations_live_by_inbox ON conversations (org_id, inbox_id, due_at) WHERE status <> 'CLOSED';
    CREATE INDEX conversations_closed_by_inbox ON conversations (org_id, inbox_id, closed_at) WHERE status = 'CLOSED';
    CREATE INDEX conversations_closed_by_agent ON conversations (org_id, agent_id, closed_at)
      WHERE status = 'CLOSED' AND agent_id IS NOT NULL;

    CREATE INDEX customer_emails_prefix ON customer_emails (org_id, normalized text_pattern_ops);

    DO $$
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX customers_name_trgm ON customers USING gin (lower(name) gin_trgm_ops);
      CREATE INDEX customer_phones_digits_trgm ON customer_phones
        USING gin (regexp_replace(normalized, '[^0-9]', '', 'g') gin_trgm_ops);
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pg_trgm is not available (%): customer search runs without trigram indexes', SQLERRM;
    END
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS conversations_live_by_inbox, conversations_closed_by_inbox, conversations_closed_by_agent;
    DROP INDEX IF EXISTS customers_name_trgm, customer_phones_digits_trgm, customer_emails_prefix,
      conversation_items_by_time, conversation_items_search;
    ALTER TABLE conversation_items DROP COLUMN IF EXISTS search_vector;
    DROP FUNCTION IF EXISTS hearth_item_search_text(text, jsonb);
    DROP FUNCTION IF EXISTS hearth_strip_tags(text);
  `.execute(db);
}
