import { type Kysely, sql } from 'kysely';

// The agents' side of the routing snapshot kept between runs (modules/routing/routing-agents.ts), on the journal of
// migration 0010: triggers record which agent a write touched ('A', a user id) — its user row (active, roles), its
// presence, its inbox memberships, the work it holds (live contacts, open mail conversations, open tasks: its load and
// its messaging sessions) and its offers — or which inbox was disabled or enabled ('N': every member changes).
// An update records the row's agent once (twice only when the row moved to another agent). Each WHEN lists the
// columns the snapshot's reads look at (snapshot.repository.ts, contacts.queries.ts): a write that
// changes none of them (an agent's activity timestamp, a contact's last message time) records nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Rows that name the agent holding them in agent_id: conversations, tasks, contacts, offers.
    CREATE FUNCTION routing_journal_agent() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.agent_id IS NOT NULL THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (OLD.org_id, 'A', OLD.agent_id) ON CONFLICT DO NOTHING;
      END IF;
      IF TG_OP <> 'DELETE' AND NEW.agent_id IS NOT NULL
        AND (TG_OP = 'INSERT' OR NEW.agent_id IS DISTINCT FROM OLD.agent_id OR NEW.org_id <> OLD.org_id) THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (NEW.org_id, 'A', NEW.agent_id) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER routing_journal_agent AFTER INSERT OR DELETE ON conversations
      FOR EACH ROW EXECUTE FUNCTION routing_journal_agent();
    CREATE TRIGGER routing_journal_agent_update AFTER UPDATE ON conversations FOR EACH ROW
      WHEN ((OLD.agent_id, OLD.status, OLD.channel) IS DISTINCT FROM (NEW.agent_id, NEW.status, NEW.channel))
      EXECUTE FUNCTION routing_journal_agent();
    CREATE TRIGGER routing_journal_agent AFTER INSERT OR DELETE ON tasks
      FOR EACH ROW EXECUTE FUNCTION routing_journal_agent();
    CREATE TRIGGER routing_journal_agent_update AFTER UPDATE ON tasks FOR EACH ROW
      WHEN ((OLD.agent_id, OLD.status) IS DISTINCT FROM (NEW.agent_id, NEW.status))
      EXECUTE FUNCTION routing_journal_agent();
    CREATE TRIGGER routing_journal_agent AFTER INSERT OR DELETE ON contacts
      FOR EACH ROW EXECUTE FUNCTION routing_journal_agent();
    CREATE TRIGGER routing_journal_agent_update AFTER UPDATE ON contacts FOR EACH ROW
      WHEN ((OLD.agent_id, OLD.status, OLD.channel, OLD.ended_at IS NULL, OLD.conversation_id, OLD.inbox_id,
          OLD.awaiting_customer_since)
        IS DISTINCT FROM (NEW.agent_id, NEW.status, NEW.channel, NEW.ended_at IS NULL, NEW.conversation_id,
          NEW.inbox_id, NEW.awaiting_customer_since))
      EXECUTE FUNCTION routing_journal_agent();
    CREATE TRIGGER routing_journal_agent AFTER INSERT OR DELETE ON routing_offers
      FOR EACH ROW EXECUTE FUNCTION routing_journal_agent();
    CREATE TRIGGER routing_journal_agent_update AFTER UPDATE ON routing_offers FOR EACH ROW
      WHEN ((OLD.agent_id, OLD.status, OLD.item_id, OLD.offered_at, OLD.expires_at)
        IS DISTINCT FROM (NEW.agent_id, NEW.status, NEW.item_id, NEW.offered_at, NEW.expires_at))
      EXECUTE FUNCTION routing_journal_agent();

    -- Rows that name their agent in user_id: presence, inbox memberships.
    CREATE FUNCTION routing_journal_user() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (OLD.org_id, 'A', OLD.user_id) ON CONFLICT DO NOTHING;
      END IF;
      IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.user_id <> OLD.user_id OR NEW.org_id <> OLD.org_id) THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (NEW.org_id, 'A', NEW.user_id) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER routing_journal AFTER INSERT OR DELETE ON agent_presence
      FOR EACH ROW EXECUTE FUNCTION routing_journal_user();
    CREATE TRIGGER routing_journal_update AFTER UPDATE ON agent_presence FOR EACH ROW
      WHEN ((OLD.logged_in, OLD.status, OLD.available_for, OLD.focus_mode, OLD.skills, OLD.messaging_capacity_standard,
          OLD.messaging_capacity_maximum, OLD.next_requests, OLD.mail_task_auto_push_pending, OLD.last_offered_at,
          OLD.last_assigned_at, OLD.last_messaging_assigned_at)
        IS DISTINCT FROM (NEW.logged_in, NEW.status, NEW.available_for, NEW.focus_mode, NEW.skills,
          NEW.messaging_capacity_standard, NEW.messaging_capacity_maximum, NEW.next_requests,
          NEW.mail_task_auto_push_pending, NEW.last_offered_at, NEW.last_assigned_at, NEW.last_messaging_assigned_at))
      EXECUTE FUNCTION routing_journal_user();
    CREATE TRIGGER routing_journal AFTER INSERT OR DELETE OR UPDATE ON inbox_members
      FOR EACH ROW EXECUTE FUNCTION routing_journal_user();
    -- The memberships of the agents a run re-reads.
    CREATE INDEX inbox_members_by_user ON inbox_members (org_id, user_id);

    -- The user row itself: an agent is an active user with the AGENT role.
    CREATE FUNCTION routing_journal_user_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (OLD.org_id, 'A', OLD.id) ON CONFLICT DO NOTHING;
      END IF;
      IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.id <> OLD.id OR NEW.org_id <> OLD.org_id) THEN
        INSERT INTO routing_changes (org_id, kind, id) VALUES (NEW.org_id, 'A', NEW.id) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER routing_journal AFTER INSERT OR DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION routing_journal_user_row();
    CREATE TRIGGER routing_journal_update AFTER UPDATE ON users FOR EACH ROW
      WHEN ((OLD.active, OLD.roles) IS DISTINCT FROM (NEW.active, NEW.roles))
      EXECUTE FUNCTION routing_journal_user_row();

    -- A disabled inbox leaves its members' memberships out of the snapshot.
    CREATE FUNCTION routing_journal_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO routing_changes (org_id, kind, id) VALUES (NEW.org_id, 'N', NEW.id) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE TRIGGER routing_journal AFTER UPDATE ON inboxes FOR EACH ROW
      WHEN (OLD.disabled IS DISTINCT FROM NEW.disabled) EXECUTE FUNCTION routing_journal_inbox();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS routing_journal ON inboxes;
    DROP TRIGGER IF EXISTS routing_journal ON users;
    DROP TRIGGER IF EXISTS routing_journal_update ON users;
    DROP INDEX IF EXISTS inbox_members_by_user;
    DROP TRIGGER IF EXISTS routing_journal ON inbox_members;
    DROP TRIGGER IF EXISTS routing_journal ON agent_presence;
    DROP TRIGGER IF EXISTS routing_journal_update ON agent_presence;
    DROP TRIGGER IF EXISTS routing_journal_agent ON routing_offers;
    DROP TRIGGER IF EXISTS routing_journal_agent_update ON routing_offers;
    DROP TRIGGER IF EXISTS routing_journal_agent ON contacts;
    DROP TRIGGER IF EXISTS routing_journal_agent_update ON contacts;
    DROP TRIGGER IF EXISTS routing_journal_agent ON tasks;
    DROP TRIGGER IF EXISTS routing_journal_agent_update ON tasks;
    DROP TRIGGER IF EXISTS routing_journal_agent ON conversations;
    DROP TRIGGER IF EXISTS routing_journal_agent_update ON conversations;
    DROP FUNCTION IF EXISTS routing_journal_inbox, routing_journal_user_row, routing_journal_user,
      routing_journal_agent;
  `.execute(db);
}
