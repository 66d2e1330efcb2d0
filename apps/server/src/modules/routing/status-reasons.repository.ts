import { createHash } from 'node:crypto';
import type { TExecutor } from '../../db/database.js';

export type TStatusReasonKind = 'ACTIVE' | 'AWAY';

export interface TStatusReasonRow {
  id: string;
  kind: TStatusReasonKind;
  name: string;
  is_default: boolean;
  disabled: boolean;
  position: number;
}

const REASON_COLUMNS = ['id', 'kind', 'name', 'is_default', 'disabled', 'position'] as const;

/** The reasons every org starts with (seeded lazily the first time an org's presence is read). */
export const SEED_STATUS_REASONS: { kind: TStatusReasonKind; name: string; isDefault: boolean }[] = [
  { kind: 'ACTIVE', name: 'Working', isDefault: true },
  { kind: 'AWAY', name: 'Break', isDefault: false },
  { kind: 'AWAY', name: 'Lunch', isDefault: false },
  { kind: 'AWAY', name: 'Meeting', isDefault: false },
  { kind: 'AWAY', name: 'Training', isDefault: false },
];

// Orgs known to have reasons: the check costs one query per org per process, not one per request.
const seededOrgs = new Set<string>();

/** Deterministic ids for the seeds, so two processes seeding at once insert the same rows (ON CONFLICT skips). */
function seedId(orgId: string, name: string): string {
  return createHash('sha256').update(`${orgId}:status-reason:${name}`).digest('base64url').slice(0, 22);
}

/** Create the default reasons of an org that has none yet (spec 5.4: admins configure them; these are the start). */
export async function ensureStatusReasons(db: TExecutor, orgId: string): Promise<void> {
  if (seededOrgs.has(orgId)) return;
  const existing = await db
    .selectFrom('agent_status_reasons')
    .select('id')
    .where('org_id', '=', orgId)
    .limit(1)
    .executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('agent_status_reasons')
      .values(
        SEED_STATUS_REASONS.map((r, i) => ({
          org_id: orgId,
          id: seedId(orgId, r.name),
          kind: r.kind,
          name: r.name,
          is_default: r.isDefault,
          position: i,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  seededOrgs.add(orgId);
}

export async function listStatusReasons(db: TExecutor, orgId: string): Promise<TStatusReasonRow[]> {
  return db
    .selectFrom('agent_status_reasons')
    .select(REASON_COLUMNS)
    .where('org_id', '=', orgId)
    .orderBy('kind')
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export async function findStatusReason(
  db: TExecutor,
  orgId: string,
  id: string,
): Promise<TStatusReasonRow | undefined> {
  return db
    .selectFrom('agent_status_reasons')
    .select(REASON_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertStatusReason(db: TExecutor, orgId: string, row: TStatusReasonRow): Promise<void> {
  await db
    .insertInto('agent_status_reasons')
    .values({ org_id: orgId, ...row })
    .execute();
}

export async function updateStatusReason(
  db: TExecutor,
  orgId: string,
  id: string,
  patch: Partial<Pick<TStatusReasonRow, 'name' | 'is_default' | 'disabled' | 'position'>>,
): Promise<void> {
  await db.updateTable('agent_status_reasons').set(patch).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function clearDefault(db: TExecutor, orgId: string, kind: TStatusReasonKind): Promise<void> {
  await db
    .updateTable('agent_status_reasons')
    .set({ is_default: false })
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where('is_default', '=', true)
    .execute();
}

export async function nextReasonPosition(db: TExecutor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('agent_status_reasons')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return (row?.p ?? -1) + 1;
}
