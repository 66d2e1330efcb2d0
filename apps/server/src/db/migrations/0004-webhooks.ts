import { type Kysely, sql } from 'kysely';

/**
 * Webhooks (API spec 4.15): subscriptions, one delivery row per (webhook, event), the attempt log and in-app
 * notifications. The outbox gains the id of the transaction that wrote each event: a reader takes only events of
 * transactions older than every running one (pg_snapshot_xmin), so a cursor over (xid, seq) never skips an event
 * whose transaction commits after a later sequence number was already read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE outbox_events ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
    CREATE INDEX outbox_events_by_org_xid ON outbox_events (org_id, xid, seq);

    CREATE TABLE webhooks (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL,
      url text NOT NULL,
      events text[] NOT NULL,
      enabled boolean NOT NULL DEFAULT false,
      credentials jsonb,
      headers jsonb,
      disabled_at_due_to_retry_limit timestamptz,
      cursor_xid xid8,
      cursor_seq bigint,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, url)
    );

    CREATE TABLE webhook_deliveries (
      org_id text NOT NULL,
      id text NOT NULL,
      webhook_id text NOT NULL,
      event_id text NOT NULL,
      event_xid xid8 NOT NULL,
      event_seq bigint NOT NULL,
      status text NOT NULL DEFAULT 'PENDING',
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, webhook_id, event_id),
      FOREIGN KEY (org_id, webhook_id) REFERENCES webhooks(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (org_id, webhook_id, event_xid, event_seq)
      WHERE status = 'PENDING';

    CREATE TABLE webhook_attempts (
      seq bigserial PRIMARY KEY,
      org_id text NOT NULL,
      id text NOT NULL,
      webhook_id text NOT NULL,
      delivery_id text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      attempt integer NOT NULL,
      outcome text NOT NULL,
      attempted_at timestamptz NOT NULL,
      request jsonb NOT NULL,
      response jsonb NOT NULL,
      UNIQUE (org_id, id),
      FOREIGN KEY (org_id, webhook_id) REFERENCES webhooks(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX webhook_attempts_by_webhook ON webhook_attempts (org_id, webhook_id, seq);

    CREATE TABLE notifications (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      user_id text NOT NULL,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL,
      read_at timestamptz,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX notifications_by_user ON notifications (org_id, user_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS notifications, webhook_attempts, webhook_deliveries, webhooks CASCADE;
    ALTER TABLE outbox_events DROP COLUMN IF EXISTS xid;
  `.execute(db);
}
