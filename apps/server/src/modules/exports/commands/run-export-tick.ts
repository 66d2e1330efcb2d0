import type { TAppContext } from '../../../app-context.js';
import { EXPORT_RETENTION_MS } from '../export-windows.js';
import { deleteJobsUpdatedBefore, listPendingJobs, listStaleJobs, tryLockJob } from '../exports.repository.js';
import { failExportJob } from './fail-export-job.js';
import { produceDueExportJobs } from './produce-due-export-jobs.js';
import { runExportJob, type TRunExportOptions } from './run-export-job.js';

/** An IN_PROGRESS job this old whose advisory lock is free lost its process. */
export const STALE_JOB_MS = 10 * 60_000;

export interface TExportTickResult {
  failedStale: number;
  produced: string[];
  ran: Record<string, string | null>;
  expired: number;
}

/**
 * One pass of the export scheduler: fail jobs whose process died, produce the jobs of ended windows, run every
 * PENDING job, and delete jobs (with their files) past the 14-day retention. pg-boss cron runs it every minute;
 * tests call it with `orgId` (the database is shared) and move `ctx.now()`.
 */
export async function runExportTick(
  ctx: TAppContext,
  options: { orgId?: string } & TRunExportOptions = {},
): Promise<TExportTickResult> {
  const { orgId, ...runOptions } = options;
  const now = ctx.now();
  let failedStale = 0;
  for (const stale of await listStaleJobs(ctx.db, new Date(now.getTime() - STALE_JOB_MS), orgId)) {
    const failed = await ctx.db.transaction().execute(async (trx) => {
      if (!(await tryLockJob(trx, stale.org_id, stale.id))) return false;
      const job = { orgId: stale.org_id, id: stale.id, scheduleId: stale.schedule_id };
      return failExportJob(trx, job, 'the process running the export stopped', now);
    });
    if (failed) failedStale += 1;
  }
  const produced = await produceDueExportJobs(ctx, { orgId });
  const ran: Record<string, string | null> = {};
  for (const job of await listPendingJobs(ctx.db, orgId)) {
    ran[job.id] = await runExportJob(ctx, job.org_id, job.id, runOptions);
  }
  const expired = await deleteJobsUpdatedBefore(ctx.db, new Date(now.getTime() - EXPORT_RETENTION_MS), orgId);
  return { failedStale, produced, ran, expired };
}
