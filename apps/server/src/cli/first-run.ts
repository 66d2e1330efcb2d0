import type { TDatabase } from '../db/database.js';
import { countOrgs, findDefaultOrg } from '../modules/orgs/orgs.repository.js';
import { createDemoOrg, type TDemoOrg } from '../seed/demo-org.js';
import type { TSeedProgress } from '../seed/seed-org.js';
import { listUserEmailsWithRole, withAdvisoryLock } from './cli.repository.js';
import type { TLoginHints } from './output.js';

/**
 * First run: a database with no organization gets the demo org, exactly once even when two processes start
 * together. Returns null when there was already an org (a later start) or when the demo is switched off.
 */
export async function createDemoOrgIfEmpty(
  db: TDatabase,
  options: { enabled: boolean; onProgress?: (p: TSeedProgress) => void },
): Promise<TDemoOrg | null> {
  if (!options.enabled) return null;
  return withAdvisoryLock(db, 'hearth:first-run', async () => {
    if ((await countOrgs(db)) > 0) return null;
    return createDemoOrg(db, { onProgress: options.onProgress });
  });
}

/** Who can log in to the default org, for the start banner (emails only: secrets are never shown twice). */
export async function loadLoginHints(db: TDatabase): Promise<TLoginHints> {
  const org = await findDefaultOrg(db);
  if (!org) return { org: undefined, adminEmails: [], apiUserEmails: [] };
  return {
    org: { slug: org.slug, name: org.name },
    adminEmails: await listUserEmailsWithRole(db, org.id, 'ADMINISTRATOR'),
    apiUserEmails: await listUserEmailsWithRole(db, org.id, 'API_USER'),
  };
}
