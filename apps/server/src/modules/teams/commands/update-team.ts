import type { TAppContext } from '../../../app-context.js';
import { notFound } from '../../../http/errors.js';
import { findTeam, replaceTeamMembers, updateTeam } from '../teams.repository.js';
import type { TUpdateTeamBody } from '../teams.schemas.js';
import { assertAgentsExist } from './create-team.js';

/** Absent fields stay as they are; `agentIds` replaces the whole membership. */
export async function updateTeamSettings(
  ctx: TAppContext,
  orgId: string,
  teamId: string,
  input: TUpdateTeamBody,
): Promise<void> {
  if (!(await findTeam(ctx.db, orgId, teamId))) throw notFound(`team ${teamId} does not exist`);
  const agentIds = input.agentIds ? [...new Set(input.agentIds)] : undefined;
  if (agentIds) await assertAgentsExist(ctx, orgId, agentIds);
  await ctx.db.transaction().execute(async (trx) => {
    await updateTeam(trx, orgId, teamId, input);
    if (agentIds) await replaceTeamMembers(trx, orgId, teamId, agentIds);
  });
}
