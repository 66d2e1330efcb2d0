import type { TAppContext } from '../../../app-context.js';
import { newId } from '../../../lib/ids.js';
import { dueWindows, EXPORT_GRACE_MS, initialNextStartAt } from '../export-windows.js';
import {
  insertJob,
  insertScheduleIfMissing,
  listOrgsWithoutSchedule,
  lockDueSchedules,
  updateSchedule,
} from '../exports.repository.js';

/**
 * For every schedule (or one org's) whose next window has ended, create a PENDING job per due window and move the
 * schedule past them, in one transaction per sweep. Schedules are locked with SKIP LOCKED, so two schedulers
 * running at once never produce a window twice. Orgs without a schedule get their DAILY one first.
 */
export async function produceDueExportJobs(ctx: TAppContext, options: { orgId?: string } = {}): Promise<string[]> {
  const now = ctx.now();
  const orgIds = options.orgId ? [options.orgId] : (await listOrgsWithoutSchedule(ctx.db)).map((r) => r.id);
  for (const orgId of orgIds) {
    await insertScheduleIfMissing(ctx.db, { orgId, id: newId(), nextStartAt: initialNextStartAt(now, 'DAILY'), now });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const created: string[] = [];
    for (const schedule of await lockDueSchedules(trx, now, EXPORT_GRACE_MS, options.orgId)) {
      // The SQL picks due schedules; dueWindows is the authority on which windows (it also caps catching up).
      const windows = dueWindows(schedule.next_start_at, schedule.frequency, now);
      const last = windows.at(-1);
      if (!last) continue;
      for (const window of windows) {
        const id = newId();
        await insertJob(trx, { orgId: schedule.org_id, id, scheduleId: schedule.id, ...window, now });
        created.push(id);
      }
      await updateSchedule(trx, schedule.org_id, { nextStartAt: last.endAt, now });
    }
    return created;
  });
}
