import type { TAppContext } from '../../app-context.js';
import { pruneDraftAttachments } from './draft-attachments.js';

export const DRAFT_ATTACHMENTS_PRUNE_JOB = 'desktop.draft-attachments-prune';

/** Background work of the desktop: the hourly sweep of unsent composer attachments. Registered by workers.ts. */
export async function registerDesktopWorkers(ctx: TAppContext): Promise<void> {
  await ctx.jobs.work(DRAFT_ATTACHMENTS_PRUNE_JOB, async () => {
    const pruned = await pruneDraftAttachments(ctx.db, ctx.now());
    if (pruned > 0) ctx.log.info({ pruned }, 'pruned unsent composer attachments');
  });
  await ctx.jobs.schedule(DRAFT_ATTACHMENTS_PRUNE_JOB, '17 * * * *');
}
