import { type Kysely, sql } from 'kysely';

// Files an agent uploads in the desktop composer before sending (issue 4). A draft belongs to one user of one org
// and to no item yet; sending a reply or a note moves it, in that item's transaction, into `attachments` +
// `attachment_blobs` under the same id and deletes the draft. `attachments.item_id` stays NOT NULL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE draft_attachments (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      user_id text NOT NULL,
      filename text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX draft_attachments_by_user ON draft_attachments (org_id, user_id, created_at);
    -- The hourly sweep of unsent drafts reads every org's oldest rows.
    CREATE INDEX draft_attachments_by_age ON draft_attachments (created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS draft_attachments`.execute(db);
}
