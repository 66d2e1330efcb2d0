import type { TAppContext } from '../../../app-context.js';
import type { TUserRow } from '../../../db/schema.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { endUserSessions } from '../../sessions/commands/end-user-sessions.js';
import { countActiveAdministrators, findUserById, lockUsersOfOrg, updateUserRow } from '../users.repository.js';
import type { TUpdateUserBody } from '../users.schemas.js';
import { validateRoles } from './create-user.js';

/**
 * An administrator renames a user, changes their roles, or (de)activates them (product spec 11.3). Deactivation
 * signs them out everywhere; their API tokens stop working because token auth requires an active user. The last
 * active administrator can neither be demoted nor deactivated, so an org can always be administered.
 */
export async function updateUser(
  ctx: TAppContext,
  orgId: string,
  userId: string,
  input: TUpdateUserBody,
): Promise<TUserRow> {
  const roles = input.roles !== undefined ? validateRoles(input.roles) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    await lockUsersOfOrg(trx, orgId);
    const before = await findUserById(trx, orgId, userId);
    if (!before) throw notFound(`user ${userId} does not exist`);
    await updateUserRow(trx, orgId, userId, { name: input.name, roles, active: input.active }, ctx.now());
    const after = await findUserById(trx, orgId, userId);
    if (!after) throw notFound(`user ${userId} does not exist`);
    if (isActiveAdmin(before) && !isActiveAdmin(after) && (await countActiveAdministrators(trx, orgId)) === 0) {
      throw badRequest(
        'invalid_state',
        'the organization needs at least one active administrator',
        input.active === false ? 'active' : 'roles',
      );
    }
    if (before.active && !after.active) await endUserSessions(trx, orgId, userId);
    return after;
  });
}

function isActiveAdmin(user: TUserRow): boolean {
  return user.active && user.roles.includes('ADMINISTRATOR');
}
