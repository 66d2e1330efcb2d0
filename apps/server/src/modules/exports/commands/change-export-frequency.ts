import type { TAppContext } from '../../../app-context.js';
import type { TExportFrequency } from '../../../db/schema.js';
import { findSchedule, updateSchedule } from '../exports.repository.js';
import { ensureExportSchedule } from './ensure-export-schedule.js';

/**
 * Switch the org's schedule between DAILY and HOURLY (Gladly: "requires Gladly Support"; here an administrator).
 * The next window keeps its start, so nothing already scheduled is skipped; windowEndOf realigns it.
 */
export async function changeExportFrequency(ctx: TAppContext, orgId: string, frequency: TExportFrequency) {
  await ensureExportSchedule(ctx, orgId);
  await updateSchedule(ctx.db, orgId, { frequency, now: ctx.now() });
  const schedule = await findSchedule(ctx.db, orgId);
  if (!schedule) throw new Error(`export schedule of org ${orgId} vanished`);
  return schedule;
}
