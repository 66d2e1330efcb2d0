import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- An address (support@acme.com) or a whole domain (@acme.com) that mail arrives at, linked to an inbox.
    -- Addresses are unique across orgs: the SMTP server learns the org from the recipient.
    CREATE TABLE email_entry_points (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      address citext NOT NULL,
      kind text NOT NULL CHECK (kind IN ('ADDRESS', 'DOMAIN')),
      display_name text NOT NULL DEFAULT '',
      inbox_id text NOT NULL,
      sla_minutes integer CHECK (sla_minutes > 0),
      -- The From address replies and new emails of this inbox use by default.
      is_default_from boolean NOT NULL DEFAULT false,
      -- SHA-256 of the secret the HTTP raw-MIME endpoint takes for this entry point.
      inbound_secret_hash text,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, inbox_id) REFERENCES inboxes(org_id, id)
    );
    CREATE UNIQUE INDEX email_entry_points_address ON email_entry_points (address);
    CREATE UNIQUE INDEX email_entry_points_default_from ON email_entry_points (org_id, inbox_id) WHERE is_default_from;

    -- Every message accepted over SMTP or HTTP, committed before the sender hears 250; parsed afterwards.
    CREATE TABLE inbound_emails (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      entry_point_id text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      via text NOT NULL CHECK (via IN ('SMTP', 'HTTP')),
      mail_from text NOT NULL DEFAULT '',
      rcpt_to text[] NOT NULL DEFAULT '{}',
      raw bytea NOT NULL,
      size_bytes bigint NOT NULL,
      status text NOT NULL DEFAULT 'RECEIVED'
        CHECK (status IN ('RECEIVED', 'PROCESSED', 'DUPLICATE', 'AUTO_REPLY', 'BOUNCE', 'UNPARSEABLE')),
      error text,
      message_id text,
      item_id text,
      conversation_id text,
      processed_at timestamptz,
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX inbound_emails_pending ON inbound_emails (received_at) WHERE status = 'RECEIVED';

    -- Every Message-ID we sent or received, so a reply's In-Reply-To / References finds its conversation, and
    -- the same message delivered twice is stored once (idempotent per org).
    CREATE TABLE email_message_ids (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      message_id text NOT NULL,
      direction text NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
      conversation_id text,
      item_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, message_id)
    );
    CREATE INDEX email_message_ids_by_item ON email_message_ids (org_id, item_id);

    -- The org's outbound SMTP relay. The password is kept encrypted with HEARTH_SECRET_KEY (it must be usable).
    CREATE TABLE email_relays (
      org_id text PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
      host text NOT NULL,
      port integer NOT NULL CHECK (port > 0 AND port < 65536),
      tls_mode text NOT NULL DEFAULT 'STARTTLS' CHECK (tls_mode IN ('NONE', 'STARTTLS', 'TLS')),
      username text,
      password_encrypted text,
      dkim_domain text,
      dkim_selector text,
      dkim_private_key_encrypted text,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS email_relays, email_message_ids, inbound_emails, email_entry_points`.execute(db);
}
