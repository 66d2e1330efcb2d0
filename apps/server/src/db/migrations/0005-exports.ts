import { type Kysely, sql } from 'kysely';

/**
 * The Export API (API spec 4.17): one schedule per org, the jobs it produces and the files of each job. File
 * contents live in PostgreSQL as ordered chunks, like attachment blobs, so any node can serve a download that
 * another node wrote and a job's files commit atomically with its COMPLETED status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE export_schedules (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      frequency text NOT NULL DEFAULT 'DAILY' CHECK (frequency IN ('HOURLY', 'DAILY')),
      type text NOT NULL DEFAULT 'CONVERSATIONS' CHECK (type = 'CONVERSATIONS'),
      -- Start of the next window to export; a job is produced once that window has ended.
      next_start_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id)
    );

    CREATE TABLE export_jobs (
      org_id text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      id text NOT NULL,
      schedule_id text NOT NULL,
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
      start_at timestamptz NOT NULL,
      end_at timestamptz NOT NULL,
      files text[] NOT NULL DEFAULT '{}',
      -- Why a job failed, for operators; never shown through the API.
      error text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, schedule_id) REFERENCES export_schedules(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX export_jobs_by_updated ON export_jobs (org_id, updated_at);
    CREATE INDEX export_jobs_pending ON export_jobs (created_at) WHERE status IN ('PENDING', 'IN_PROGRESS');

    CREATE TABLE export_file_chunks (
      org_id text NOT NULL,
      job_id text NOT NULL,
      filename text NOT NULL,
      chunk_no integer NOT NULL,
      content bytea NOT NULL,
      PRIMARY KEY (org_id, job_id, filename, chunk_no),
      FOREIGN KEY (org_id, job_id) REFERENCES export_jobs(org_id, id) ON DELETE CASCADE
    );

    -- A job's window selects items by time across the whole org.
    CREATE INDEX conversation_items_by_org_time ON conversation_items (org_id, occurred_at, seq);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS conversation_items_by_org_time;
    DROP TABLE IF EXISTS export_file_chunks, export_jobs, export_schedules;
  `.execute(db);
}
