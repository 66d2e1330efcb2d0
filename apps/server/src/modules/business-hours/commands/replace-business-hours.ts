import type { TAppContext } from '../../../app-context.js';
import { badRequest, conflict, notFound } from '../../../http/errors.js';
import {
  clearPrimary,
  findBusinessHours,
  lockOrgBusinessHours,
  type TBusinessHoursRow,
  updateBusinessHoursIfVersion,
} from '../business-hours.repository.js';
import type { TBusinessHoursReplace } from '../business-hours.schemas.js';
import { normalizeName, normalizeOfficeHours } from '../office-hours.js';

export const BUSINESS_HOURS_NOT_FOUND = 'business hours does not exist';

/**
 * Full replace under optimistic locking: the stored version must equal the one sent, checked in the UPDATE itself.
 * An absent `primary` keeps the current flag; the primary cannot be demoted directly (another one is made primary
 * instead), so the org never ends up without one.
 */
export async function replaceBusinessHours(
  ctx: TAppContext,
  orgId: string,
  id: string,
  input: TBusinessHoursReplace,
): Promise<TBusinessHoursRow> {
  const name = normalizeName(input.name);
  const officeHours = normalizeOfficeHours(input.officeHours);
  return ctx.db.transaction().execute(async (trx) => {
    await lockOrgBusinessHours(trx, orgId);
    const current = await findBusinessHours(trx, orgId, id);
    if (!current) throw notFound(BUSINESS_HOURS_NOT_FOUND);
    if (current.version !== input.version) throw versionOutdated();
    const primary = input.primary ?? current.is_primary;
    if (current.is_primary && !primary) {
      throw badRequest(
        'invalid',
        'cannot unset primary business hours; make other business hours primary instead',
        'primary',
      );
    }
    if (primary && !current.is_primary) await clearPrimary(trx, orgId, id);
    const updated = await updateBusinessHoursIfVersion(trx, {
      orgId,
      id,
      version: input.version,
      name,
      primary,
      officeHours,
      now: ctx.now(),
    });
    if (!updated) throw versionOutdated();
    return updated;
  });
}

function versionOutdated() {
  return conflict('version_outdated', 'the version provided is outdated');
}
