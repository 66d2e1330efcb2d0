import { sql } from 'kysely';
import type { TTestApp } from '../helpers.js';

/**
 * Everything stored for one org, reduced to a row count and an md5 per tenant table, plus the org row itself and
 * the org's outbox high-water mark. Two equal snapshots mean the org's data did not change in between.
 */
export interface TOrgSnapshot {
  tables: Record<string, { rows: number; md5: string }>;
  /** Highest outbox seq of the org ('0' when none): a refused request must not append an event. */
  outboxMaxSeq: string;
  /** pg-boss jobs whose payload names the org: a refused request must not enqueue work either. */
  jobs: number;
}

// Bookkeeping that changes on every authenticated request, not data a request changes: the token's last use is
// written off the request path at minute resolution.
const VOLATILE_COLUMNS = ['last_used_at'];

let tenantTables: Promise<string[]> | undefined;

/** Every table in `public` with an org_id column, found once per test file so new migrations are covered too. */
function listTenantTables(t: TTestApp): Promise<string[]> {
  tenantTables ??= sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'org_id' AND tb.table_type = 'BASE TABLE'
    ORDER BY c.table_name`
    .execute(t.db)
    .then((r) => r.rows.map((row) => row.table_name));
  return tenantTables;
}

export async function snapshotOrg(t: TTestApp, orgId: string): Promise<TOrgSnapshot> {
  const tables = await listTenantTables(t);
  const strip = VOLATILE_COLUMNS.map((c) => ` - '${c}'`).join('');
  const parts = tables.map(
    (table) => sql`SELECT ${table}::text AS name, count(*)::int AS rows,
        md5(coalesce(string_agg(r.j, '|' ORDER BY r.j), '')) AS md5
      FROM (SELECT (to_jsonb(x)${sql.raw(strip)})::text AS j FROM ${sql.table(table)} x WHERE x.org_id = ${orgId}) r`,
  );
  parts.push(sql`SELECT 'orgs'::text AS name, count(*)::int AS rows,
      md5(coalesce(string_agg(to_jsonb(o)::text, '|'), '')) AS md5 FROM orgs o WHERE o.id = ${orgId}`);
  const result = await sql<{ name: string; rows: number; md5: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(
    t.db,
  );
  const snapshot: TOrgSnapshot = { tables: {}, outboxMaxSeq: '0', jobs: 0 };
  for (const row of result.rows) snapshot.tables[row.name] = { rows: row.rows, md5: row.md5 };
  const outbox = await sql<{ seq: string | null }>`
    SELECT max(seq)::text AS seq FROM outbox_events WHERE org_id = ${orgId}`.execute(t.db);
  snapshot.outboxMaxSeq = outbox.rows[0]?.seq ?? '0';
  snapshot.jobs = await countJobsOf(t, orgId);
  return snapshot;
}

async function countJobsOf(t: TTestApp, orgId: string): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pgboss.job WHERE position(${orgId} in data::text) > 0`.execute(t.db);
  return result.rows[0]?.n ?? 0;
}

/** The tables whose rows or contents differ between two snapshots, for a readable failure message. */
export function diffSnapshots(before: TOrgSnapshot, after: TOrgSnapshot): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  const changed: string[] = [];
  for (const name of names) {
    const a = before.tables[name];
    const b = after.tables[name];
    if (a?.rows !== b?.rows || a?.md5 !== b?.md5) changed.push(`${name} (rows ${a?.rows} -> ${b?.rows})`);
  }
  if (before.outboxMaxSeq !== after.outboxMaxSeq)
    changed.push(`outbox seq ${before.outboxMaxSeq} -> ${after.outboxMaxSeq}`);
  if (before.jobs !== after.jobs) changed.push(`jobs ${before.jobs} -> ${after.jobs}`);
  return changed;
}
