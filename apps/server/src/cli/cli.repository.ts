import { sql } from 'kysely';
import type { TDatabase, TExecutor } from '../db/database.js';

// SQL the `hearth` command needs beyond the modules' own commands: locks, start-up hints and the reset.

/**
 * Hold a PostgreSQL advisory lock while `work` runs, so two processes starting at once on one database do not both
 * create the first-run demo org. The lock lives on one pinned connection; `work` may use the rest of the pool.
 */
export async function withAdvisoryLock<T>(db: TDatabase, key: string, work: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(hashtext(${key}))`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(conn);
    }
  });
}

/** The users of an org holding `role`, active, oldest first. */
export async function listUserEmailsWithRole(db: TExecutor, orgId: string, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where((eb) => eb(eb.val(role), '=', eb.fn.any('roles')))
    .orderBy('created_at')
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/**
 * Drops every table, type and function Hearth and pg-boss created, by dropping their schemas. The database itself
 * (and its owner's rights) stays, so this works the same on the embedded server and on a DATABASE_URL.
 */
export async function dropAllData(db: TDatabase): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS pgboss CASCADE`.execute(db);
  await sql`DROP SCHEMA IF EXISTS public CASCADE`.execute(db);
  await sql`CREATE SCHEMA public`.execute(db);
}

export function listOrgs(db: TExecutor) {
  return db
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.sandbox_of')
    .select(['o.id', 'o.slug', 'o.name', 'o.timezone', 'o.is_default', 'p.slug as sandbox_of_slug'])
    .orderBy('o.created_at')
    .orderBy('o.slug')
    .execute();
}
