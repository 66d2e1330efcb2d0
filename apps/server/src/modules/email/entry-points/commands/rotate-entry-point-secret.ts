import type { TAppContext } from '../../../../app-context.js';
import { notFound } from '../../../../http/errors.js';
import { findEntryPoint, updateEntryPoint } from '../entry-points.repository.js';
import { newInboundSecret } from './create-entry-point.js';

/** A new secret for the HTTP raw-MIME way in; the old one stops working at once. Shown only in this answer. */
export async function rotateEntryPointSecret(ctx: TAppContext, orgId: string, id: string): Promise<string> {
  if (!(await findEntryPoint(ctx.db, orgId, id))) throw notFound(`email entry point ${id} does not exist`);
  const { secret, hash } = newInboundSecret();
  await ctx.db
    .transaction()
    .execute((trx) => updateEntryPoint(trx, orgId, id, { inbound_secret_hash: hash }, ctx.now()));
  return secret;
}
