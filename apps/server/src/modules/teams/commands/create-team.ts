import type { TAppContext } from '../../../app-context.js';
import { badRequest } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { findNonActiveUserIds } from '../../users/users.queries.js';
import { insertTeam, replaceTeamMembers } from '../teams.repository.js';
import type { TCreateTeamBody } from '../teams.schemas.js';

/** Teams group agents for reports and filters only; they never affect routing, so no event is appended. */
export async function createTeam(ctx: TAppContext, orgId: string, input: TCreateTeamBody): Promise<string> {
  const agentIds = [...new Set(input.agentIds ?? [])];
  await assertAgentsExist(ctx, orgId, agentIds);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertTeam(trx, { orgId, id, name: input.name, description: input.description ?? '' });
    await replaceTeamMembers(trx, orgId, id, agentIds);
  });
  return id;
}

export async function assertAgentsExist(ctx: TAppContext, orgId: string, agentIds: string[]): Promise<void> {
  const unknown = await findNonActiveUserIds(ctx.db, orgId, agentIds);
  if (unknown.length > 0) {
    throw badRequest('invalid', `agentIds: user ${unknown[0]} does not exist or is deactivated`, 'agentIds');
  }
}
