import { type Kysely, sql } from 'kysely';

// Custom channel entry points (product spec 4.7). A channel belongs to one inbox, where new conversations start,
// and owns the company addresses integrators send messages `to`. A sender address is the customer's identity on
// one channel: `custom_channel_identities` remembers which profile it maps to, and its id is the message sessionId.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE custom_channels (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      name text NOT NULL,
      inbox_id text NOT NULL,
      company_addresses text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, inbox_id) REFERENCES inboxes(org_id, id)
    );

    CREATE TABLE custom_channel_identities (
      org_id text NOT NULL,
      id text NOT NULL,
      custom_channel_id text NOT NULL,
      address text NOT NULL,
      customer_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, custom_channel_id, address),
      FOREIGN KEY (org_id, custom_channel_id) REFERENCES custom_channels(org_id, id) ON DELETE CASCADE,
      FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX custom_channel_identities_by_customer ON custom_channel_identities (org_id, customer_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS custom_channel_identities, custom_channels`.execute(db);
}
