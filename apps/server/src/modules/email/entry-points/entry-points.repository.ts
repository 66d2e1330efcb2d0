import { sql } from 'kysely';
import type { TExecutor, TTransaction } from '../../../db/database.js';
import type { EmailEntryPointsTable } from '../../../db/schema.js';

interface TEntryPointChanges {
  display_name?: string;
  inbox_id?: string;
  sla_minutes?: number | null;
  is_default_from?: boolean;
  disabled?: boolean;
  inbound_secret_hash?: string;
}

export function listEntryPoints(db: TExecutor, orgId: string) {
  return db.selectFrom('email_entry_points').selectAll().where('org_id', '=', orgId).orderBy('address').execute();
}

export function findEntryPoint(db: TExecutor, orgId: string, id: string) {
  return db
    .selectFrom('email_entry_points')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The inbox's default From entry point, when it has one that is live. */
export function findDefaultFromOfInbox(db: TExecutor, orgId: string, inboxId: string) {
  return db
    .selectFrom('email_entry_points')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('inbox_id', '=', inboxId)
    .where('is_default_from', '=', true)
    .where('disabled', '=', false)
    .executeTakeFirst();
}

/** The org's live entry points that cover any of these addresses: exactly, or by their domain (`@acme.com`). */
export function findEntryPointsCovering(db: TExecutor, orgId: string, addresses: string[]) {
  if (addresses.length === 0) return Promise.resolve([]);
  const domains = addresses.map((a) => `@${a.slice(a.lastIndexOf('@') + 1)}`);
  return db
    .selectFrom('email_entry_points')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'ADDRESS'), eb('address', 'in', addresses)]),
        eb.and([eb('kind', '=', 'DOMAIN'), eb('address', 'in', domains)]),
      ]),
    )
    .execute();
}

export function inboxExists(db: TExecutor, orgId: string, inboxId: string) {
  return db
    .selectFrom('inboxes')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', inboxId)
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

export async function insertEntryPoint(
  trx: TTransaction,
  row: Omit<EmailEntryPointsTable, 'created_at' | 'updated_at' | 'display_name' | 'is_default_from' | 'disabled'> & {
    display_name: string;
    is_default_from: boolean;
    disabled: boolean;
    now: Date;
  },
): Promise<void> {
  const { now, ...values } = row;
  await trx
    .insertInto('email_entry_points')
    .values({ ...values, created_at: now, updated_at: now })
    .execute();
}

export async function updateEntryPoint(
  trx: TTransaction,
  orgId: string,
  id: string,
  changes: TEntryPointChanges,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('email_entry_points')
    .set({ ...changes, updated_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** One default From per inbox (a partial unique index): clear the current one before naming another. */
export async function clearDefaultFrom(trx: TTransaction, orgId: string, inboxId: string, now: Date): Promise<void> {
  await trx
    .updateTable('email_entry_points')
    .set({ is_default_from: false, updated_at: now })
    .where('org_id', '=', orgId)
    .where('inbox_id', '=', inboxId)
    .where('is_default_from', '=', true)
    .execute();
}

export async function deleteEntryPoint(trx: TTransaction, orgId: string, id: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('email_entry_points')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Lock the org's entry points of an inbox, so two writers naming a default From take turns. */
export async function lockInboxEntryPoints(trx: TTransaction, orgId: string, inboxId: string): Promise<void> {
  await sql`SELECT 1 FROM email_entry_points WHERE org_id = ${orgId} AND inbox_id = ${inboxId} FOR UPDATE`.execute(trx);
}
