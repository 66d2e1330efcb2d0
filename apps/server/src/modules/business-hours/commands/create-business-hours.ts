import type { TAppContext } from '../../../app-context.js';
import { newId } from '../../../lib/ids.js';
import {
  clearPrimary,
  countBusinessHours,
  insertBusinessHours,
  lockOrgBusinessHours,
  type TBusinessHoursRow,
} from '../business-hours.repository.js';
import type { TBusinessHoursCreate } from '../business-hours.schemas.js';
import { normalizeName, normalizeOfficeHours } from '../office-hours.js';

/** Gladly's business hours ids carry a `bh_` prefix (`bh_WmeA3Y51Q5ayCAaZ1AotIA`). */
export function newBusinessHoursId(): string {
  return `bh_${newId()}`;
}

/**
 * Create business hours. The org's first one is primary whatever the request says (an org always has exactly one
 * primary once it has any); `primary: true` on a later one moves the flag in the same transaction.
 */
export async function createBusinessHours(
  ctx: TAppContext,
  orgId: string,
  input: TBusinessHoursCreate,
): Promise<TBusinessHoursRow> {
  const name = normalizeName(input.name);
  const officeHours = normalizeOfficeHours(input.officeHours);
  return ctx.db.transaction().execute(async (trx) => {
    await lockOrgBusinessHours(trx, orgId);
    const primary = input.primary === true || (await countBusinessHours(trx, orgId)) === 0;
    if (primary) await clearPrimary(trx, orgId);
    return insertBusinessHours(trx, { orgId, id: newBusinessHoursId(), name, primary, officeHours, now: ctx.now() });
  });
}
