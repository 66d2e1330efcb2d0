import type { TAppContext } from '../../../app-context.js';
import { notFound } from '../../../http/errors.js';
import { findInbox, replaceInboxMembers, updateInbox } from '../inboxes.repository.js';
import type { TUpdateInboxBody } from '../inboxes.schemas.js';
import { assertMembersExist } from './create-inbox.js';

/** Absent fields stay as they are; `memberIds` replaces the whole membership. */
export async function updateInboxSettings(
  ctx: TAppContext,
  orgId: string,
  inboxId: string,
  input: TUpdateInboxBody,
): Promise<void> {
  if (!(await findInbox(ctx.db, orgId, inboxId))) throw notFound(`inbox ${inboxId} does not exist`);
  const memberIds = input.memberIds ? [...new Set(input.memberIds)] : undefined;
  if (memberIds) await assertMembersExist(ctx, orgId, memberIds);
  await ctx.db.transaction().execute(async (trx) => {
    await updateInbox(trx, orgId, inboxId, input, ctx.now());
    if (memberIds) await replaceInboxMembers(trx, orgId, inboxId, memberIds);
  });
}
