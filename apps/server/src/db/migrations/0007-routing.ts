import { type Kysely, sql } from 'kysely';

// Push routing (product spec 5, issue 6). Agent presence and status reasons, the org's routing settings and People
// Match boosts, contacts (one inbound session on a channel inside a conversation), and offers. The partial unique
// indexes on routing_offers are the atomic claims: PostgreSQL itself refuses a second pending offer of one item or
// to one agent, whichever process tries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE agent_status_reasons (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('ACTIVE', 'AWAY')),
      name text NOT NULL,
      is_default boolean NOT NULL DEFAULT false,
      disabled boolean NOT NULL DEFAULT false,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    -- Exactly one default Active reason per org may exist (spec 5.4: applied at login and on return from Away).
    CREATE UNIQUE INDEX agent_status_reasons_one_default ON agent_status_reasons (org_id, kind) WHERE is_default;

    CREATE TABLE agent_presence (
      org_id text NOT NULL,
      user_id text NOT NULL,
      logged_in boolean NOT NULL DEFAULT false,
      logged_in_at timestamptz,
      status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'AWAY')),
      active_reason_id text,
      away_reason_id text,
      away_since timestamptz,
      available_for text[] NOT NULL DEFAULT '{}',
      focus_mode boolean NOT NULL DEFAULT false,
      skills text[] NOT NULL DEFAULT '{}',
      messaging_capacity_standard integer NOT NULL DEFAULT 3 CHECK (messaging_capacity_standard >= 0),
      messaging_capacity_maximum integer NOT NULL DEFAULT 5 CHECK (messaging_capacity_maximum >= 0),
      next_requests integer NOT NULL DEFAULT 0 CHECK (next_requests >= 0),
      mail_task_auto_push_pending boolean NOT NULL DEFAULT false,
      last_offered_at timestamptz,
      last_assigned_at timestamptz,
      last_messaging_assigned_at timestamptz,
      last_activity_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, user_id),
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
    );

    -- Org-wide routing configuration: TRoutingConfig defaults and per-inbox overrides (engine/config.ts), and the
    -- global idle timing of spec 5.4 (null = never).
    CREATE TABLE routing_settings (
      org_id text PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
      defaults jsonb NOT NULL DEFAULT '{}',
      inbox_overrides jsonb NOT NULL DEFAULT '{}',
      idle_minutes_until_away integer,
      idle_minutes_until_logout integer,
      same_agent_time_limit_minutes integer NOT NULL DEFAULT 1440,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE routing_boosts (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL,
      points integer NOT NULL CHECK (points IN (1, 3, 5, 10)),
      conditions jsonb NOT NULL DEFAULT '[]',
      enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );

    -- Routing state of a conversation: when its current wait is due, on which channel the customer last wrote,
    -- when it entered the queue, and whether it came back by transfer (People Match "rematching").
    ALTER TABLE conversations
      ADD COLUMN due_at timestamptz,
      ADD COLUMN channel text,
      ADD COLUMN queued_at timestamptz,
      ADD COLUMN transferred boolean NOT NULL DEFAULT false,
      ADD COLUMN last_inbound_at timestamptz;
    CREATE INDEX conversations_routable ON conversations (org_id, inbox_id, due_at)
      WHERE agent_id IS NULL AND status <> 'CLOSED' AND customer_waiting_since IS NOT NULL;
    CREATE INDEX conversations_by_agent ON conversations (org_id, agent_id) WHERE agent_id IS NOT NULL AND status <> 'CLOSED';
    CREATE INDEX tasks_routable ON tasks (org_id, inbox_id, due_at) WHERE agent_id IS NULL AND status = 'OPEN';
    CREATE INDEX tasks_by_agent ON tasks (org_id, agent_id) WHERE agent_id IS NOT NULL AND status = 'OPEN';

    -- A contact: one inbound session on one channel inside a conversation, from start to end (spec 13.1).
    CREATE TABLE contacts (
      org_id text NOT NULL,
      id text NOT NULL,
      conversation_id text NOT NULL,
      customer_id text NOT NULL,
      inbox_id text NOT NULL,
      channel text NOT NULL,
      entry_point text,
      agent_id text,
      status text NOT NULL CHECK (status IN ('QUEUED', 'OFFERED', 'ACTIVE', 'ENDED')),
      due_at timestamptz,
      started_at timestamptz NOT NULL,
      queued_at timestamptz,
      offered_at timestamptz,
      accepted_at timestamptz,
      fulfilled_at timestamptz,
      fulfilled_type text CHECK (fulfilled_type IN ('CANCELED', 'RESPONDED')),
      -- Set while the agent spoke last in a messaging session: the auto-end timer runs from here.
      awaiting_customer_since timestamptz,
      last_inbound_at timestamptz,
      ended_at timestamptz,
      end_reason text,
      end_status text CHECK (end_status IN ('ABANDONED', 'ANSWERED', 'UNANSWERED', 'UNKNOWN')),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, conversation_id) REFERENCES conversations(org_id, id) ON DELETE CASCADE
    );
    -- At most one live contact per conversation.
    CREATE UNIQUE INDEX contacts_one_live ON contacts (org_id, conversation_id) WHERE ended_at IS NULL;
    CREATE INDEX contacts_live_by_agent ON contacts (org_id, agent_id) WHERE ended_at IS NULL AND agent_id IS NOT NULL;
    CREATE INDEX contacts_by_conversation ON contacts (org_id, conversation_id, started_at);

    CREATE TABLE routing_offers (
      org_id text NOT NULL,
      id text NOT NULL,
      item_kind text NOT NULL CHECK (item_kind IN ('CONVERSATION', 'TASK')),
      item_id text NOT NULL,
      contact_id text,
      agent_id text NOT NULL,
      channel_group text NOT NULL CHECK (channel_group IN ('VOICE', 'MESSAGING', 'MAIL', 'TASK')),
      offered_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      declinable boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'MISSED', 'CANCELED', 'AUTO_ASSIGNED')),
      resolved_at timestamptz,
      points integer NOT NULL DEFAULT 0,
      match_reasons jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (org_id, id)
    );
    CREATE UNIQUE INDEX routing_offers_one_pending_per_item ON routing_offers (org_id, item_id) WHERE status = 'PENDING';
    CREATE UNIQUE INDEX routing_offers_one_pending_per_agent ON routing_offers (org_id, agent_id) WHERE status = 'PENDING';
    CREATE INDEX routing_offers_rejections ON routing_offers (org_id, item_id, resolved_at)
      WHERE status IN ('DECLINED', 'MISSED');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS routing_offers, contacts, routing_boosts, routing_settings, agent_presence, agent_status_reasons;
    DROP INDEX IF EXISTS tasks_routable, tasks_by_agent;
    ALTER TABLE conversations DROP COLUMN IF EXISTS due_at, DROP COLUMN IF EXISTS channel,
      DROP COLUMN IF EXISTS queued_at, DROP COLUMN IF EXISTS transferred, DROP COLUMN IF EXISTS last_inbound_at;
  `.execute(db);
}
