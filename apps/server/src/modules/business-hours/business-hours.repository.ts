import { type Selectable, sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { BusinessHoursTable } from '../../db/schema.js';
import type { TOfficeHours } from './business-hours.schemas.js';

export type TBusinessHoursRow = Selectable<BusinessHoursTable>;

export function listBusinessHours(db: TExecutor, orgId: string): Promise<TBusinessHoursRow[]> {
  return db
    .selectFrom('business_hours')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findBusinessHours(db: TExecutor, orgId: string, id: string): Promise<TBusinessHoursRow | undefined> {
  return db
    .selectFrom('business_hours')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Serialize the org's business-hours writes: "the first one becomes primary" and "move primary" read then write,
 * and two of them interleaving would trip the one-primary unique index instead of answering cleanly.
 */
export async function lockOrgBusinessHours(trx: TExecutor, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`business_hours:${orgId}`}))`.execute(trx);
}

export async function countBusinessHours(db: TExecutor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('business_hours')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Clear the primary flag of every other business hours of the org, before another one takes it. */
export async function clearPrimary(db: TExecutor, orgId: string, exceptId?: string): Promise<void> {
  let query = db
    .updateTable('business_hours')
    .set({ is_primary: false })
    .where('org_id', '=', orgId)
    .where('is_primary', '=', true);
  if (exceptId) query = query.where('id', '<>', exceptId);
  await query.execute();
}

export function insertBusinessHours(
  db: TExecutor,
  row: { orgId: string; id: string; name: string; primary: boolean; officeHours: TOfficeHours; now: Date },
): Promise<TBusinessHoursRow> {
  return db
    .insertInto('business_hours')
    .values({
      org_id: row.orgId,
      id: row.id,
      name: row.name,
      is_primary: row.primary,
      office_hours: JSON.stringify(row.officeHours),
      created_at: row.now,
      updated_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Replace the content only when the stored version is the one the caller read; the check lives in the WHERE so
 * two writers with the same version cannot both win. Undefined when the row is missing or the version is stale.
 */
export function updateBusinessHoursIfVersion(
  db: TExecutor,
  row: {
    orgId: string;
    id: string;
    version: number;
    name: string;
    primary: boolean;
    officeHours: TOfficeHours;
    now: Date;
  },
): Promise<TBusinessHoursRow | undefined> {
  return db
    .updateTable('business_hours')
    .set((eb) => ({
      name: row.name,
      is_primary: row.primary,
      office_hours: JSON.stringify(row.officeHours),
      version: eb('version', '+', 1),
      updated_at: row.now,
    }))
    .where('org_id', '=', row.orgId)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteBusinessHoursRow(db: TExecutor, orgId: string, id: string): Promise<number> {
  const result = await db
    .deleteFrom('business_hours')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
