import { newId } from '../../src/lib/ids.js';
import { ensureExportSchedule } from '../../src/modules/exports/commands/ensure-export-schedule.js';
import { runExportJob } from '../../src/modules/exports/commands/run-export-job.js';
import type { TTestApp } from '../helpers.js';

/** A PENDING job of the org's schedule for a window (default: the last day by the app's clock). */
export async function makePendingExportJob(
  t: TTestApp,
  orgId: string,
  window?: { startAt: Date; endAt: Date },
): Promise<{ id: string; scheduleId: string }> {
  const schedule = await ensureExportSchedule(t.ctx, orgId);
  const now = t.ctx.now();
  const id = newId();
  await t.db
    .insertInto('export_jobs')
    .values({
      org_id: orgId,
      id,
      schedule_id: schedule.id,
      start_at: window?.startAt ?? new Date(now.getTime() - 24 * 3600_000),
      end_at: window?.endAt ?? now,
      error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, scheduleId: schedule.id };
}

/** A COMPLETED job with its four files, run through the real exporter. */
export async function makeCompletedExportJob(
  t: TTestApp,
  orgId: string,
  window?: { startAt: Date; endAt: Date },
): Promise<{ id: string; scheduleId: string }> {
  const job = await makePendingExportJob(t, orgId, window);
  const status = await runExportJob(t.ctx, orgId, job.id);
  if (status !== 'COMPLETED') throw new Error(`export job ended ${status}`);
  return job;
}

/** The lines of a JSON Lines body. */
export function linesOf(body: string): unknown[] {
  return body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}
