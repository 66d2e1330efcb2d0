import type { TAppContext } from '../../../app-context.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { deleteBusinessHoursRow, findBusinessHours, lockOrgBusinessHours } from '../business-hours.repository.js';
import { BUSINESS_HOURS_NOT_FOUND } from './replace-business-hours.js';

/** Delete business hours; the primary one is the org's default and cannot go (product spec 10). */
export async function deleteBusinessHours(ctx: TAppContext, orgId: string, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockOrgBusinessHours(trx, orgId);
    const current = await findBusinessHours(trx, orgId, id);
    if (!current) throw notFound(BUSINESS_HOURS_NOT_FOUND);
    if (current.is_primary) throw badRequest('invalid', 'cannot delete primary business hours');
    await deleteBusinessHoursRow(trx, orgId, id);
  });
}
