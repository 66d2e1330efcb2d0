import type { TAppContext } from '../../../app-context.js';
import type { TOrgRow } from '../../../db/schema.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { updateOrgSettings } from '../orgs.repository.js';
import { isValidTimeZone } from './create-org.js';

export interface TOrgSettingsInput {
  name?: string;
  timezone?: string;
  reopenWindowMinutes?: number;
  topicsRequiredOnClose?: boolean;
}

/**
 * Administrators change the org's name, time zone, reopen window (product spec 2.3) and whether topics are
 * required on close (2.8). Absent fields stay as they are. No catalogue event describes settings.
 */
export async function changeOrgSettings(ctx: TAppContext, orgId: string, input: TOrgSettingsInput): Promise<TOrgRow> {
  let timezone = input.timezone;
  if (timezone !== undefined) {
    if (!isValidTimeZone(timezone)) throw badRequest('invalid', 'Timezone is invalid', 'timezone');
    // Store the canonical spelling (`utc` → `UTC`) so every reader compares like with like.
    timezone = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  }
  const org = await updateOrgSettings(ctx.db, orgId, { ...input, timezone });
  if (!org) throw notFound('organization does not exist');
  return org;
}
