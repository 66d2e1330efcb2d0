import { type Kysely, sql } from 'kysely';

// Files customers and agents exchange (email, custom channels, chat, notes). Metadata and content are apart so
// listing attachments never reads the bytes; content lives in PostgreSQL so Hearth nodes stay stateless.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE attachments (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      item_id text NOT NULL,
      filename text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      -- For inline email images: the Content-ID that \`cid:\` references in the HTML point at.
      content_id text,
      inline boolean NOT NULL DEFAULT false,
      redacted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, item_id) REFERENCES conversation_items(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX attachments_by_item ON attachments (org_id, item_id);

    CREATE TABLE attachment_blobs (
      org_id text NOT NULL,
      attachment_id text NOT NULL,
      content bytea NOT NULL,
      PRIMARY KEY (org_id, attachment_id),
      FOREIGN KEY (org_id, attachment_id) REFERENCES attachments(org_id, id) ON DELETE CASCADE
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS attachment_blobs, attachments`.execute(db);
}
