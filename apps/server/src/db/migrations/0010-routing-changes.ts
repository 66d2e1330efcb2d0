import { type Kysely, sql } from 'kysely';

// The routing service keeps each org's queue in memory and, on each run, re-reads only the items that changed
// (modules/routing/kept-snapshot.ts, routing-queue.ts). What changed is written here by triggers, so every writer is
// covered without remembering to say so: any change to a row the routable-queue read (snapshot.repository.ts) looks
// at records the item (conversation or task) or the customer whose conversations and tasks it affects. Migration
// 0011 adds the agents' side.
//
// `xid` is the writing transaction's id: a reader that took the transaction horizon (pg_snapshot_xmin) before its
// last read asks for `xid >= that horizon` and misses no transaction, however they commit out of order
// (db/transaction-horizon.ts). The primary key folds a transaction's repeated changes of one key into one row. Each
// trigger costs about 10 µs per row written (measured on this VM; the insert inline, not through a shared SQL
// function: 16 µs).
// UNLOGGED: the journal is a cache's change feed, not data. After a crash PostgreSQL empties it, and every routing
// service, whose connections died with it, starts over from a full read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE UNLOGGED TABLE routing_changes (
      org_id text NOT NULL,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      -- 'I': a conversation or task id; 'C': a customer id (its attributes feed People Match boosts).
      kind "char" NOT NULL,
      id text NOT NULL,
      PRIMARY KEY (org_id, xid, kind, id)
    );

    -- Conversations and tasks: any insert, update or delete of the row itself.
    CREATE FUNCTION routing_journal_item() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (OLD.org_id, 'I', OLD.id) ON CONFLICT DO NOTHING;
      END IF;
      IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.id <> OLD.id OR NEW.org_id <> OLD.org_id) THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (NEW.org_id, 'I', NEW.id)
        ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER routing_journal AFTER INSERT OR UPDATE OR DELETE ON conversations
      FOR EACH ROW EXECUTE FUNCTION routing_journal_item();
    CREATE TRIGGER routing_journal AFTER INSERT OR UPDATE OR DELETE ON tasks
      FOR EACH ROW EXECUTE FUNCTION routing_journal_item();

    -- Rows about a conversation: its items (the newest one decides whether it waits on a note), its topics, its
    -- contacts (the live one's channel stands in when the conversation has none). An item on the customer's timeline
    -- outside any conversation (conversation_id null) concerns no routable item.
    CREATE FUNCTION routing_journal_conversation_part() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.conversation_id IS NOT NULL THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (OLD.org_id, 'I', OLD.conversation_id)
        ON CONFLICT DO NOTHING;
      END IF;
      IF TG_OP <> 'DELETE' AND NEW.conversation_id IS NOT NULL
        AND (TG_OP = 'INSERT' OR NEW.conversation_id IS DISTINCT FROM OLD.conversation_id) THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (NEW.org_id, 'I', NEW.conversation_id)
        ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER routing_journal AFTER INSERT OR DELETE OR UPDATE OF conversation_id, content_type, occurred_at
      ON conversation_items FOR EACH ROW EXECUTE FUNCTION routing_journal_conversation_part();
    CREATE TRIGGER routing_journal AFTER INSERT OR DELETE OR UPDATE ON conversation_topics
      FOR EACH ROW EXECUTE FUNCTION routing_journal_conversation_part();
    -- Contacts are updated on every customer message; only a change of conversation, channel or liveness counts.
    CREATE TRIGGER routing_journal AFTER INSERT OR DELETE ON contacts
      FOR EACH ROW EXECUTE FUNCTION routing_journal_conversation_part();
    CREATE TRIGGER routing_journal_update AFTER UPDATE ON contacts FOR EACH ROW
      WHEN ((OLD.conversation_id, OLD.channel, OLD.ended_at IS NULL)
        IS DISTINCT FROM (NEW.conversation_id, NEW.channel, NEW.ended_at IS NULL))
      EXECUTE FUNCTION routing_journal_conversation_part();

    -- A customer's attributes (People Match conditions) reach every routable item of that customer.
    CREATE FUNCTION routing_journal_customer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO routing_changes (org_id, kind, id) VALUES (NEW.org_id, 'C', NEW.id)
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE TRIGGER routing_journal AFTER UPDATE OF custom_attributes ON customers
      FOR EACH ROW WHEN (OLD.custom_attributes IS DISTINCT FROM NEW.custom_attributes)
      EXECUTE FUNCTION routing_journal_customer();

    -- Declines and misses (the decline grace): an offer that becomes, or stops being, a rejection.
    CREATE FUNCTION routing_journal_offer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.status IN ('DECLINED', 'MISSED') THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (OLD.org_id, 'I', OLD.item_id)
        ON CONFLICT DO NOTHING;
      END IF;
      IF TG_OP <> 'DELETE' AND NEW.status IN ('DECLINED', 'MISSED') THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (NEW.org_id, 'I', NEW.item_id)
        ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    -- Offers are written several times per message (offered, accepted); only rejections run the function.
    CREATE TRIGGER routing_journal_insert AFTER INSERT ON routing_offers FOR EACH ROW
      WHEN (NEW.status IN ('DECLINED', 'MISSED')) EXECUTE FUNCTION routing_journal_offer();
    CREATE TRIGGER routing_journal_update AFTER UPDATE ON routing_offers FOR EACH ROW
      WHEN (OLD.status IN ('DECLINED', 'MISSED') OR NEW.status IN ('DECLINED', 'MISSED'))
      EXECUTE FUNCTION routing_journal_offer();
    CREATE TRIGGER routing_journal_delete AFTER DELETE ON routing_offers FOR EACH ROW
      WHEN (OLD.status IN ('DECLINED', 'MISSED')) EXECUTE FUNCTION routing_journal_offer();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS routing_journal_insert ON routing_offers;
    DROP TRIGGER IF EXISTS routing_journal_update ON routing_offers;
    DROP TRIGGER IF EXISTS routing_journal_delete ON routing_offers;
    DROP TRIGGER IF EXISTS routing_journal ON customers;
    DROP TRIGGER IF EXISTS routing_journal ON contacts;
    DROP TRIGGER IF EXISTS routing_journal_update ON contacts;
    DROP TRIGGER IF EXISTS routing_journal ON conversation_topics;
    DROP TRIGGER IF EXISTS routing_journal ON conversation_items;
    DROP TRIGGER IF EXISTS routing_journal ON tasks;
    DROP TRIGGER IF EXISTS routing_journal ON conversations;
    DROP FUNCTION IF EXISTS routing_journal_offer, routing_journal_customer, routing_journal_conversation_part,
      routing_journal_item;
    DROP TABLE IF EXISTS routing_changes;
  `.execute(db);
}
