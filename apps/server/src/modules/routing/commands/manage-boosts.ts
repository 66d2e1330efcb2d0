import type { TAppContext } from '../../../app-context.js';
import { notFound } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { deleteBoost, findBoost, insertBoost, updateBoost } from '../boosts.repository.js';
import type { TCreateBoostBody, TUpdateBoostBody } from '../boosts.schemas.js';
import { wakeOrgRouting } from '../presence-notify.js';

// People Match boosts (spec 5.6): create, edit, delete. Each wakes the org's routing engine.

export async function createBoost(ctx: TAppContext, orgId: string, body: TCreateBoostBody): Promise<string> {
  const id = newId();
  await insertBoost(ctx.db, orgId, {
    id,
    name: body.name,
    points: body.points,
    enabled: body.enabled ?? true,
    conditions: body.conditions ?? [],
  });
  await wakeOrgRouting(ctx.db, orgId);
  return id;
}

export async function editBoost(ctx: TAppContext, orgId: string, id: string, body: TUpdateBoostBody): Promise<void> {
  if (Object.keys(body).length === 0) {
    if (!(await findBoost(ctx.db, orgId, id))) throw notFound('boost does not exist', 'id');
    return;
  }
  if ((await updateBoost(ctx.db, orgId, id, body)) === 0) throw notFound('boost does not exist', 'id');
  await wakeOrgRouting(ctx.db, orgId);
}

export async function removeBoost(ctx: TAppContext, orgId: string, id: string): Promise<void> {
  if ((await deleteBoost(ctx.db, orgId, id)) === 0) throw notFound('boost does not exist', 'id');
  await wakeOrgRouting(ctx.db, orgId);
}
