import type { TAppContext } from '../../../app-context.js';
import { notFound } from '../../../http/errors.js';
import { revokeApiTokenOfUser } from '../users.repository.js';

/** Revoke one of the user's own tokens; it fails on the very next API request (auth reads revoked_at each time). */
export async function revokeOwnApiToken(
  ctx: TAppContext,
  input: { orgId: string; userId: string; tokenId: string },
): Promise<void> {
  const revoked = await revokeApiTokenOfUser(ctx.db, input.orgId, input.userId, input.tokenId, ctx.now());
  if (!revoked) throw notFound(`api token ${input.tokenId} does not exist`);
}
