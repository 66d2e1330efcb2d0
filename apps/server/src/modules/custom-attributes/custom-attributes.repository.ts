import type { TExecutor } from '../../db/database.js';

const COLUMNS = ['id', 'key', 'label', 'deactivated', 'created_at', 'created_by'] as const;

export function listCustomAttributes(db: TExecutor, orgId: string) {
  return db
    .selectFrom('custom_attribute_definitions')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .orderBy('key')
    .execute();
}

export function findCustomAttribute(db: TExecutor, orgId: string, id: string) {
  return db
    .selectFrom('custom_attribute_definitions')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts unless the key is taken; returns whether a row was written. */
export async function insertCustomAttribute(
  db: TExecutor,
  definition: { orgId: string; id: string; key: string; label: string; createdBy: string; at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('custom_attribute_definitions')
    .values({
      org_id: definition.orgId,
      id: definition.id,
      key: definition.key,
      label: definition.label,
      created_by: definition.createdBy,
      created_at: definition.at,
    })
    .onConflict((oc) => oc.columns(['org_id', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function updateCustomAttribute(
  db: TExecutor,
  orgId: string,
  id: string,
  changes: { label?: string; deactivated?: boolean },
): Promise<boolean> {
  if (changes.label === undefined && changes.deactivated === undefined) {
    return (await findCustomAttribute(db, orgId, id)) !== undefined;
  }
  const result = await db
    .updateTable('custom_attribute_definitions')
    .set({
      ...(changes.label !== undefined ? { label: changes.label } : {}),
      ...(changes.deactivated !== undefined ? { deactivated: changes.deactivated } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
