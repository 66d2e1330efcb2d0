import type { TAppContext } from '../../app-context.js';
import { purgeExpiredEvents } from './commands/purge-expired-events.js';

export const EVENT_RETENTION_JOB = 'events.retention';

/**
 * Hourly purge of expired outbox events: pg-boss's cron (run where the scheduler role runs) enqueues one job per
 * slot, and one worker takes it.
 */
export async function registerEventRetention(ctx: TAppContext): Promise<void> {
  await ctx.jobs.work(EVENT_RETENTION_JOB, async () => {
    const deleted = await purgeExpiredEvents(ctx);
    if (deleted) ctx.log.info({ deleted }, 'purged expired outbox events');
  });
  await ctx.jobs.schedule(EVENT_RETENTION_JOB, '23 * * * *');
}
