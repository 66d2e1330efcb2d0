import type { TAppContext } from '../../../app-context.js';
import { newId } from '../../../lib/ids.js';
import { initialNextStartAt } from '../export-windows.js';
import { findSchedule, insertScheduleIfMissing } from '../exports.repository.js';

/** The org's export schedule, created on first use: DAILY, starting with the current day. */
export async function ensureExportSchedule(ctx: TAppContext, orgId: string) {
  const existing = await findSchedule(ctx.db, orgId);
  if (existing) return existing;
  const now = ctx.now();
  await insertScheduleIfMissing(ctx.db, { orgId, id: newId(), nextStartAt: initialNextStartAt(now, 'DAILY'), now });
  const created = await findSchedule(ctx.db, orgId);
  if (!created) throw new Error(`export schedule of org ${orgId} vanished`);
  return created;
}
