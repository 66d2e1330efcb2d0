import type { TExecutor } from '../../db/database.js';

export function listTeams(db: TExecutor, orgId: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'name', 'description'])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findTeam(db: TExecutor, orgId: string, teamId: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'name', 'description'])
    .where('org_id', '=', orgId)
    .where('id', '=', teamId)
    .executeTakeFirst();
}

/** Active member ids per team: a deactivated user is no longer an agent of any team. */
export async function listTeamAgentIds(db: TExecutor, orgId: string, teamIds?: string[]) {
  if (teamIds && teamIds.length === 0) return new Map<string, string[]>();
  let query = db
    .selectFrom('team_members as m')
    .innerJoin('users as u', (join) => join.onRef('u.org_id', '=', 'm.org_id').onRef('u.id', '=', 'm.user_id'))
    .select(['m.team_id', 'm.user_id'])
    .where('m.org_id', '=', orgId)
    .where('u.active', '=', true);
  if (teamIds) query = query.where('m.team_id', 'in', teamIds);
  const rows = await query.orderBy('m.team_id').orderBy('m.user_id').execute();
  const byTeam = new Map<string, string[]>();
  for (const row of rows) byTeam.set(row.team_id, [...(byTeam.get(row.team_id) ?? []), row.user_id]);
  return byTeam;
}

export async function insertTeam(
  db: TExecutor,
  team: { orgId: string; id: string; name: string; description: string },
): Promise<void> {
  await db
    .insertInto('teams')
    .values({ org_id: team.orgId, id: team.id, name: team.name, description: team.description })
    .execute();
}

export async function updateTeam(
  db: TExecutor,
  orgId: string,
  teamId: string,
  changes: { name?: string; description?: string },
): Promise<void> {
  if (changes.name === undefined && changes.description === undefined) return;
  await db
    .updateTable('teams')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', teamId)
    .execute();
}

export async function replaceTeamMembers(db: TExecutor, orgId: string, teamId: string, userIds: string[]) {
  await db.deleteFrom('team_members').where('org_id', '=', orgId).where('team_id', '=', teamId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('team_members')
    .values(userIds.map((userId) => ({ org_id: orgId, team_id: teamId, user_id: userId })))
    .execute();
}
