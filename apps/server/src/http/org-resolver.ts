import type { FastifyRequest } from 'fastify';
import type { TDatabase } from '../db/database.js';
import type { TOrgRow } from '../db/schema.js';
import { findOrg, type TOrgSelector } from '../modules/orgs/orgs.repository.js';
import { AppError } from './errors.js';

/**
 * Which org a request names: `{slug}.{baseDomain}` names one; any other host (localhost, an IP, a custom domain)
 * means the default org. A deeper name under the base domain (`a.b.{baseDomain}`) names none.
 */
export function orgSelectorFromHost(baseDomain: string, hostHeader: string | undefined): TOrgSelector | null {
  const host = (hostHeader ?? '').toLowerCase().replace(/:\d+$/, '');
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (!host.endsWith(suffix)) return { isDefault: true };
  const slug = host.slice(0, -suffix.length);
  return slug && !slug.includes('.') ? { slug } : null;
}

/** A named org that does not exist is a 404, as Gladly answers for an unknown org host. */
export function orgNotFound(): AppError {
  return new AppError(404, [{ code: 'not_exist', detail: 'organization does not exist' }]);
}

export async function resolveOrg(db: TDatabase, baseDomain: string, request: FastifyRequest): Promise<TOrgRow> {
  const selector = orgSelectorFromHost(baseDomain, request.headers.host);
  const org = selector ? await findOrg(db, selector) : undefined;
  if (!org) throw orgNotFound();
  return org;
}
