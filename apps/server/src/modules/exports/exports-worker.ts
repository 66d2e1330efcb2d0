import type { TAppContext } from '../../app-context.js';
import { runExportTick } from './commands/run-export-tick.js';

export const EXPORT_TICK_JOB = 'exports.tick';

/**
 * The export scheduler: pg-boss cron (firing where the scheduler role runs) enqueues a tick every minute and one
 * worker runs it. Ticks that overlap are safe: schedules are locked with SKIP LOCKED and jobs are claimed by a
 * status transition.
 */
export async function registerExportWorker(ctx: TAppContext): Promise<void> {
  await ctx.jobs.work(EXPORT_TICK_JOB, async () => {
    const result = await runExportTick(ctx);
    const ran = Object.keys(result.ran).length;
    if (ran || result.failedStale || result.expired) ctx.log.info({ ...result, ran }, 'export tick');
  });
  await ctx.jobs.schedule(EXPORT_TICK_JOB, '* * * * *');
}
