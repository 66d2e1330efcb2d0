import type { TAppContext } from '../../../../app-context.js';
import { notFound } from '../../../../http/errors.js';
import { deleteEntryPoint } from '../entry-points.repository.js';

/** Mail to the address is refused from now on (550); mail already received and its conversations stay. */
export async function removeEntryPoint(ctx: TAppContext, orgId: string, id: string): Promise<void> {
  const deleted = await ctx.db.transaction().execute((trx) => deleteEntryPoint(trx, orgId, id));
  if (!deleted) throw notFound(`email entry point ${id} does not exist`);
}
