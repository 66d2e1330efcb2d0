import type { TAppContext } from '../../../app-context.js';
import { badRequest } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { findNonActiveUserIds } from '../../users/users.queries.js';
import { insertInbox, replaceInboxMembers } from '../inboxes.repository.js';
import type { TCreateInboxBody } from '../inboxes.schemas.js';

/** Admins and team managers create inboxes (product spec 11.1). No catalogue event describes inbox changes. */
export async function createInbox(ctx: TAppContext, orgId: string, input: TCreateInboxBody): Promise<string> {
  const memberIds = [...new Set(input.memberIds ?? [])];
  await assertMembersExist(ctx, orgId, memberIds);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertInbox(trx, {
      orgId,
      id,
      name: input.name,
      slaMinutes: input.slaMinutes,
      disabled: input.disabled ?? false,
    });
    await replaceInboxMembers(trx, orgId, id, memberIds);
  });
  return id;
}

export async function assertMembersExist(ctx: TAppContext, orgId: string, memberIds: string[]): Promise<void> {
  const unknown = await findNonActiveUserIds(ctx.db, orgId, memberIds);
  if (unknown.length > 0) {
    throw badRequest('invalid', `memberIds: user ${unknown[0]} does not exist or is deactivated`, 'memberIds');
  }
}
