import type { TAppContext } from '../../../app-context.js';
import { applyPresenceAction } from '../../routing/commands/change-presence.js';
import { deleteSession, findSessionPrincipal } from '../sessions.repository.js';

/** End one browser session. Unknown or expired tokens are fine: logging out is idempotent. */
export async function logOut(ctx: TAppContext, orgId: string, tokenHash: string | undefined): Promise<void> {
  if (!tokenHash) return;
  // Signing out of the web app logs an agent out of routing presence (issue 6).
  const principal = await findSessionPrincipal(ctx.db, orgId, tokenHash, ctx.now());
  await deleteSession(ctx.db, orgId, tokenHash);
  if (principal?.roles.includes('AGENT')) {
    await applyPresenceAction(
      ctx,
      orgId,
      principal.userId,
      { kind: 'LOGOUT' },
      { id: principal.userId, type: 'AGENT' },
    );
  }
}
