import type { TAppContext } from '../../app-context.js';
import { expireSameAgentHolds } from './commands/expire-same-agent-holds.js';

export const SAME_AGENT_HOLDS_JOB = 'contacts.same-agent-holds';

/** Background work of contacts: the per-minute sweep of the email same-agent time limit. Registered by workers.ts. */
export async function registerContactWorkers(ctx: TAppContext): Promise<void> {
  await ctx.jobs.work(SAME_AGENT_HOLDS_JOB, async () => {
    await expireSameAgentHolds(ctx, ctx.now());
  });
  await ctx.jobs.schedule(SAME_AGENT_HOLDS_JOB, '* * * * *');
}
