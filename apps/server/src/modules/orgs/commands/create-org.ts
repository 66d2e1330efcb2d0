import type { TDatabase } from '../../../db/database.js';
import type { TOrgRow } from '../../../db/schema.js';
import { badRequest, conflict } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { countOrgs, findOrgBySlug, insertOrg } from '../orgs.repository.js';

export interface TCreateOrgInput {
  slug: string;
  name: string;
  timezone?: string;
  /** A sandbox is an org of its own (its own data and tokens), linked to its production org. */
  sandboxOf?: string;
  /** The org served on hosts that name no org; the first org created becomes it unless told otherwise. */
  makeDefault?: boolean;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export async function createOrg(db: TDatabase, input: TCreateOrgInput): Promise<TOrgRow> {
  const slug = input.slug.toLowerCase();
  if (!SLUG.test(slug)) badRequestSlug();
  const timezone = input.timezone ?? 'America/Los_Angeles';
  if (!isValidTimeZone(timezone)) throw badRequest('invalid', 'Timezone is invalid', 'timezone');
  if (await findOrgBySlug(db, slug)) throw conflict('taken', `an organization named ${slug} already exists`, 'slug');
  const makeDefault = input.makeDefault ?? (!input.sandboxOf && (await countOrgs(db)) === 0);
  return db.transaction().execute(async (trx) => {
    if (makeDefault) await trx.updateTable('orgs').set({ is_default: false }).where('is_default', '=', true).execute();
    return insertOrg(trx, {
      id: newId(),
      slug,
      name: input.name,
      loginDomain: slug,
      timezone,
      isDefault: makeDefault,
      sandboxOf: input.sandboxOf ?? null,
    });
  });
}

function badRequestSlug(): never {
  throw badRequest('invalid', 'slug must be lower-case letters, digits and dashes (a DNS label)', 'slug');
}

export function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
