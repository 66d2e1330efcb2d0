import type { TExecutor } from '../db/database.js';

// SQL for the small, hand-shaped part of a seeded org (inboxes, agents, teams, topics): multi-row inserts, no rules.

export async function listEnabledInboxIds(db: TExecutor, orgId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('inboxes')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('disabled', '=', false)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Users who answer customers in seeded history: Agents that are neither integration users nor administrators. */
export async function listAgentIds(db: TExecutor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where((eb) => eb(eb.val('AGENT'), '=', eb.fn.any('roles')))
    .where((eb) => eb.not(eb(eb.val('API_USER'), '=', eb.fn.any('roles'))))
    .where((eb) => eb.not(eb(eb.val('ADMINISTRATOR'), '=', eb.fn.any('roles'))))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function countRows(
  db: TExecutor,
  table: 'teams' | 'topics' | 'audiences' | 'business_hours' | 'customers' | 'conversations' | 'conversation_items',
  orgId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertInboxes(
  db: TExecutor,
  orgId: string,
  rows: { id: string; name: string; slaMinutes: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('inboxes')
    .values(rows.map((r) => ({ org_id: orgId, id: r.id, name: r.name, sla_minutes: r.slaMinutes })))
    .execute();
}

export async function insertAgents(
  db: TExecutor,
  orgId: string,
  rows: { id: string; email: string; name: string; roles: string[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('users')
    .values(
      rows.map((r) => ({ org_id: orgId, id: r.id, email: r.email, name: r.name, roles: r.roles, password_hash: null })),
    )
    .onConflict((oc) => oc.columns(['org_id', 'email']).doNothing())
    .execute();
}

export async function insertInboxMembers(
  db: TExecutor,
  orgId: string,
  rows: { inboxId: string; userId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('inbox_members')
    .values(rows.map((r) => ({ org_id: orgId, inbox_id: r.inboxId, user_id: r.userId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertTeams(
  db: TExecutor,
  orgId: string,
  rows: { id: string; name: string; description: string; memberIds: string[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('teams')
    .values(rows.map((r) => ({ org_id: orgId, id: r.id, name: r.name, description: r.description })))
    .execute();
  const members = rows.flatMap((r) => r.memberIds.map((userId) => ({ org_id: orgId, team_id: r.id, user_id: userId })));
  if (members.length > 0) await db.insertInto('team_members').values(members).execute();
}

/** Parents first: a child row references its parent. */
export async function insertTopics(
  db: TExecutor,
  orgId: string,
  rows: { id: string; name: string; parentId: string | null }[],
): Promise<void> {
  const parents = rows.filter((r) => r.parentId === null);
  const children = rows.filter((r) => r.parentId !== null);
  for (const group of [parents, children]) {
    if (group.length === 0) continue;
    await db
      .insertInto('topics')
      .values(group.map((r) => ({ org_id: orgId, id: r.id, name: r.name, parent_id: r.parentId })))
      .execute();
  }
}

export async function listChildTopicIds(db: TExecutor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('topics')
    .select('id')
    .where('org_id', '=', orgId)
    .where('parent_id', 'is not', null)
    .where('disabled', '=', false)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertAudiences(db: TExecutor, orgId: string, rows: { id: string; name: string }[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('audiences')
    .values(rows.map((r) => ({ org_id: orgId, id: r.id, name: r.name })))
    .execute();
}

export async function insertBusinessHours(
  db: TExecutor,
  orgId: string,
  rows: { id: string; name: string; primary: boolean; officeHours: Record<string, unknown> }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('business_hours')
    .values(
      rows.map((r) => ({
        org_id: orgId,
        id: r.id,
        name: r.name,
        is_primary: r.primary,
        office_hours: JSON.stringify(r.officeHours),
      })),
    )
    .execute();
}

/** Removes an org and, by cascade, everything in it: undoes a demo org that failed half-way. */
export async function deleteOrgCascade(db: TExecutor, orgId: string): Promise<void> {
  await db.deleteFrom('orgs').where('sandbox_of', '=', orgId).execute();
  await db.deleteFrom('orgs').where('id', '=', orgId).execute();
}
