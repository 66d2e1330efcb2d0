import type { TOrgRow } from '../../db/schema.js';

/** GET /api/v1/organization (API spec 4.10). `id` is the orgId the public answers API takes. */
export function presentOrganization(org: TOrgRow, baseUrl: string) {
  return { id: org.id, loginDomain: org.login_domain, name: org.name, timezone: org.timezone, gladlyUrl: baseUrl };
}
