import type { TExecutor } from '../../db/database.js';
import { notFound } from '../../http/errors.js';
import { presentTeam } from './teams.presenter.js';
import { findTeam, listTeamAgentIds } from './teams.repository.js';

/** One team as the API shows it, or the spec's 404. */
export async function loadTeam(db: TExecutor, orgId: string, teamId: string) {
  const team = await findTeam(db, orgId, teamId);
  if (!team) throw notFound(`team ${teamId} does not exist`);
  const members = await listTeamAgentIds(db, orgId, [teamId]);
  return presentTeam(team, members.get(teamId) ?? []);
}
