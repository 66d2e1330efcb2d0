import type { FastifyRequest } from 'fastify';
import type { TDatabase } from '../db/database.js';
import type { TOrgRow } from '../db/schema.js';
import { findDefaultOrg, findOrgBySlug } from '../modules/orgs/orgs.repository.js';
import { AppError } from './errors.js';

/**
 * The org a request is for: `{slug}.{baseDomain}` names it; any other host (localhost, an IP, a custom domain)
 * gets the default org. A named org that does not exist is a 404, as Gladly answers for an unknown org host.
 */
export async function resolveOrg(db: TDatabase, baseDomain: string, request: FastifyRequest): Promise<TOrgRow> {
  const host = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  const suffix = `.${baseDomain.toLowerCase()}`;
  let org: TOrgRow | undefined;
  if (host.endsWith(suffix)) {
    const slug = host.slice(0, -suffix.length);
    org = slug && !slug.includes('.') ? await findOrgBySlug(db, slug) : undefined;
  } else {
    org = await findDefaultOrg(db);
  }
  if (!org) throw new AppError(404, [{ code: 'not_exist', detail: 'organization does not exist' }]);
  return org;
}
