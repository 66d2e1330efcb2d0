import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';

const COLUMNS = ['id', 'name', 'disabled', 'parent_id'] as const;

export function listTopics(db: TExecutor, orgId: string) {
  return db
    .selectFrom('topics')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

export function findTopic(db: TExecutor, orgId: string, topicId: string) {
  return db
    .selectFrom('topics')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', topicId)
    .executeTakeFirst();
}

/** The topic holding this name case-insensitively (served by the unique index on lower(name)). */
export function findTopicByName(db: TExecutor, orgId: string, name: string) {
  return db
    .selectFrom('topics')
    .select(['id'])
    .where('org_id', '=', orgId)
    .where(sql`lower(name)`, '=', sql`lower(${name})`)
    .executeTakeFirst();
}

/** The topic itself and every ancestor above it. UNION (not ALL) ends the walk even on corrupt, cyclic data. */
export async function listSelfAndAncestorIds(db: TExecutor, orgId: string, topicId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM topics WHERE org_id = ${orgId} AND id = ${topicId}
      UNION
      SELECT t.id, t.parent_id FROM topics t JOIN up ON t.id = up.parent_id WHERE t.org_id = ${orgId}
    )
    SELECT id FROM up
  `.execute(db);
  return result.rows.map((r) => r.id);
}

/** Serialize an org's topic writes so the name check and the cycle check see every concurrent change. */
export async function lockTopicsOfOrg(db: TExecutor, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`topics:${orgId}`}, 0))`.execute(db);
}

export async function insertTopic(
  db: TExecutor,
  topic: { orgId: string; id: string; name: string; disabled: boolean; parentId: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto('topics')
    .values({
      org_id: topic.orgId,
      id: topic.id,
      name: topic.name,
      disabled: topic.disabled,
      parent_id: topic.parentId,
      created_at: topic.at,
      updated_at: topic.at,
    })
    .execute();
}

export async function updateTopic(
  db: TExecutor,
  orgId: string,
  topicId: string,
  changes: { name: string; disabled?: boolean; parentId?: string | null },
  at: Date,
): Promise<void> {
  await db
    .updateTable('topics')
    .set({
      name: changes.name,
      ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
      ...(changes.parentId !== undefined ? { parent_id: changes.parentId } : {}),
      updated_at: at,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', topicId)
    .execute();
}
