import { type Kysely, sql } from 'kysely';

// The core of the data model. Every tenant table carries org_id and keys on (org_id, id): client-supplied ids
// (customers, items, tasks, topics) are unique per org, never across orgs, and a future Citus shard key is ready.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS citext;

    CREATE TABLE orgs (
      id text PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      login_domain text NOT NULL,
      timezone text NOT NULL DEFAULT 'America/Los_Angeles',
      is_default boolean NOT NULL DEFAULT false,
      sandbox_of text REFERENCES orgs(id) ON DELETE CASCADE,
      reopen_window_minutes integer NOT NULL DEFAULT 1440 CHECK (reopen_window_minutes >= 0),
      topics_required_on_close boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX orgs_single_default ON orgs (is_default) WHERE is_default;

    CREATE TABLE users (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      email citext NOT NULL,
      name text NOT NULL,
      password_hash text,
      roles text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, email)
    );

    CREATE TABLE api_tokens (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      user_id text NOT NULL,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
    );

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      user_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
    );

    CREATE TABLE login_failures (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      email citext NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_failure_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, email)
    );

    CREATE TABLE inboxes (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      sla_minutes integer NOT NULL DEFAULT 60 CHECK (sla_minutes > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE TABLE inbox_members (
      org_id text NOT NULL,
      inbox_id text NOT NULL,
      user_id text NOT NULL,
      PRIMARY KEY (org_id, inbox_id, user_id),
      FOREIGN KEY (org_id, inbox_id) REFERENCES inboxes(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
    );

    CREATE TABLE teams (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE TABLE team_members (
      org_id text NOT NULL,
      team_id text NOT NULL,
      user_id text NOT NULL,
      PRIMARY KEY (org_id, team_id, user_id),
      FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
    );

    CREATE TABLE audiences (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE UNIQUE INDEX audiences_name ON audiences (org_id, lower(name));

    CREATE TABLE topics (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      parent_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, parent_id) REFERENCES topics(org_id, id)
    );
    CREATE UNIQUE INDEX topics_name ON topics (org_id, lower(name));

    CREATE TABLE custom_attribute_definitions (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      key text NOT NULL,
      label text NOT NULL,
      deactivated boolean NOT NULL DEFAULT false,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, key)
    );

    CREATE TABLE customers (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL DEFAULT '',
      image text,
      address text NOT NULL DEFAULT '',
      external_customer_id text,
      external_customer_ids jsonb NOT NULL DEFAULT '{}',
      custom_attributes jsonb NOT NULL DEFAULT '{}',
      merged_into_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX customers_external_id ON customers (org_id, external_customer_id) WHERE external_customer_id IS NOT NULL;

    CREATE TABLE customer_emails (
      org_id text NOT NULL,
      customer_id text NOT NULL,
      position integer NOT NULL,
      original text NOT NULL,
      normalized text NOT NULL,
      is_primary boolean NOT NULL DEFAULT false,
      PRIMARY KEY (org_id, customer_id, position),
      FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
    );
    -- An email address belongs to one profile (product spec 1.2); this index is also the lookup by email.
    CREATE UNIQUE INDEX customer_emails_normalized ON customer_emails (org_id, normalized);

    CREATE TABLE customer_phones (
      org_id text NOT NULL,
      customer_id text NOT NULL,
      position integer NOT NULL,
      original text NOT NULL,
      normalized text NOT NULL,
      extension text,
      region_code text NOT NULL DEFAULT 'US',
      is_primary boolean NOT NULL DEFAULT false,
      sms_preference text,
      type text,
      PRIMARY KEY (org_id, customer_id, position),
      FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
    );
    -- Only MOBILE numbers are unique across profiles; landlines may be shared (product spec 1.2).
    CREATE UNIQUE INDEX customer_phones_mobile ON customer_phones (org_id, normalized) WHERE type = 'MOBILE';
    CREATE INDEX customer_phones_normalized ON customer_phones (org_id, normalized);

    CREATE TABLE conversations (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      customer_id text NOT NULL,
      inbox_id text NOT NULL,
      agent_id text,
      status text NOT NULL CHECK (status IN ('OPEN', 'WAITING', 'CLOSED')),
      -- Set while the customer's newest inbound message awaits an answer; cleared by a reply or No Reply Needed.
      customer_waiting_since timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, inbox_id) REFERENCES inboxes(org_id, id)
    );
    -- At most one conversation that is not closed per customer (product spec 0).
    CREATE UNIQUE INDEX conversations_one_open ON conversations (org_id, customer_id) WHERE status <> 'CLOSED';
    CREATE INDEX conversations_by_customer ON conversations (org_id, customer_id, created_at);
    CREATE INDEX conversations_by_inbox ON conversations (org_id, inbox_id, status);

    CREATE TABLE conversation_topics (
      org_id text NOT NULL,
      conversation_id text NOT NULL,
      topic_id text NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, conversation_id, topic_id),
      FOREIGN KEY (org_id, conversation_id) REFERENCES conversations(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, topic_id) REFERENCES topics(org_id, id)
    );

    CREATE TABLE conversation_custom_attributes (
      org_id text NOT NULL,
      conversation_id text NOT NULL,
      custom_attribute_id text NOT NULL,
      value text NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, conversation_id, custom_attribute_id, value),
      FOREIGN KEY (org_id, conversation_id) REFERENCES conversations(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, custom_attribute_id) REFERENCES custom_attribute_definitions(org_id, id)
    );

    CREATE TABLE conversation_items (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      seq bigserial NOT NULL,
      customer_id text NOT NULL,
      conversation_id text,
      session_id text,
      occurred_at timestamptz NOT NULL,
      initiator_id text,
      initiator_type text NOT NULL,
      responder_id text,
      responder_type text,
      content_type text NOT NULL,
      content jsonb NOT NULL,
      -- INBOUND (from the customer), OUTBOUND (to the customer) or INTERNAL (notes, status and topic changes).
      direction text NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND', 'INTERNAL')),
      delivery_status text,
      redacted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, conversation_id) REFERENCES conversations(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX conversation_items_by_conversation ON conversation_items (org_id, conversation_id, occurred_at, seq)
      WHERE conversation_id IS NOT NULL;
    CREATE INDEX conversation_items_by_customer ON conversation_items (org_id, customer_id, occurred_at, seq);

    CREATE TABLE tasks (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      customer_id text NOT NULL,
      inbox_id text NOT NULL,
      agent_id text,
      body text NOT NULL,
      due_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
      created_by_id text,
      created_by_type text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, inbox_id) REFERENCES inboxes(org_id, id)
    );
    CREATE INDEX tasks_by_customer ON tasks (org_id, customer_id, created_at DESC);

    CREATE TABLE task_comments (
      org_id text NOT NULL,
      id text NOT NULL,
      task_id text NOT NULL,
      agent_id text NOT NULL,
      comment text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, task_id) REFERENCES tasks(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX task_comments_by_task ON task_comments (org_id, task_id, created_at);

    CREATE TABLE business_hours (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL,
      is_primary boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      office_hours jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE UNIQUE INDEX business_hours_one_primary ON business_hours (org_id) WHERE is_primary;

    -- The transactional outbox: written in the same transaction as the change it describes.
    CREATE TABLE outbox_events (
      seq bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      initiator jsonb NOT NULL,
      content jsonb NOT NULL
    );
    CREATE INDEX outbox_events_by_org_time ON outbox_events (org_id, occurred_at, seq);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS outbox_events, business_hours, task_comments, tasks, conversation_items,
      conversation_custom_attributes, conversation_topics, conversations, customer_phones, customer_emails, customers,
      custom_attribute_definitions, topics, audiences, team_members, teams, inbox_members, inboxes, login_failures,
      sessions, api_tokens, users, orgs CASCADE;
  `.execute(db);
}
