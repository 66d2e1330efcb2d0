import type { TAppContext } from '../../app-context.js';

/**
 * Note that an agent did something in the desktop (spec 5.4 idle timing counts from the last activity). One UPDATE of
 * at most one row; a user without a presence row is simply not updated, and failures are logged, never thrown, so
 * callers can fire it from any request path.
 */
export async function recordAgentActivity(ctx: TAppContext, orgId: string, userId: string): Promise<void> {
  try {
    await ctx.db
      .updateTable('agent_presence')
      .set({ last_activity_at: ctx.now() })
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .execute();
  } catch (error) {
    ctx.log.warn({ err: error, orgId, userId }, 'recording agent activity failed');
  }
}
