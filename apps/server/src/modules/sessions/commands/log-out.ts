import type { TAppContext } from '../../../app-context.js';
import { deleteSession } from '../sessions.repository.js';

/** End one browser session. Unknown or expired tokens are fine: logging out is idempotent. */
export async function logOut(ctx: TAppContext, orgId: string, tokenHash: string | undefined): Promise<void> {
  if (tokenHash) await deleteSession(ctx.db, orgId, tokenHash);
}
