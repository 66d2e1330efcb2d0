import type { TAppContext } from '../../../app-context.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { ensurePresenceRow, lockPresence, type TPresencePatch, updatePresence } from '../presence.repository.js';
import { notifyPresenceChanged, wakeOrgRouting } from '../presence-notify.js';

export interface TRoutingProfileInput {
  skills?: string[];
  messagingCapacity?: { standard: number; maximum: number };
}

/** An agent's skills (People Match) and messaging capacity (spec 5.2), set by an admin or team manager. */
export async function updateRoutingProfile(
  ctx: TAppContext,
  orgId: string,
  userId: string,
  input: TRoutingProfileInput,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ensurePresenceRow(trx, orgId, userId);
    const row = await lockPresence(trx, orgId, userId);
    if (!row) throw notFound('user does not exist', 'userId');
    const patch: TPresencePatch = {};
    if (input.skills) patch.skills = [...new Set(input.skills.map((s) => s.trim()))];
    if (input.messagingCapacity) {
      const { standard, maximum } = input.messagingCapacity;
      if (standard > maximum) {
        throw badRequest('invalid', 'standard capacity must not exceed maximum', 'messagingCapacity.standard');
      }
      patch.messaging_capacity_standard = standard;
      patch.messaging_capacity_maximum = maximum;
    }
    if (Object.keys(patch).length > 0) await updatePresence(trx, orgId, userId, patch, now);
  });
  await notifyPresenceChanged(ctx.db, orgId, userId);
  await wakeOrgRouting(ctx.db, orgId);
}
