import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import type { TExecutor } from '../../../db/database.js';
import { appendEvent } from '../../../events/outbox.js';
import { notFound } from '../../../http/errors.js';
import type { TPresence } from '../presence.presenter.js';
import { loadPresence } from '../presence.queries.js';
import { ensurePresenceRow, lockPresence, type TPresenceRow, updatePresence } from '../presence.repository.js';
import { notifyPresenceChanged } from '../presence-notify.js';
import { planPresence, type TPresenceAction, type TPresenceReasons } from '../presence-rules.js';
import { ensureStatusReasons, listStatusReasons } from '../status-reasons.repository.js';

export async function loadPresenceReasons(db: TExecutor, orgId: string): Promise<TPresenceReasons> {
  const all = await listStatusReasons(db, orgId);
  return {
    byId: new Map(all.map((r) => [r.id, r])),
    defaultActive: all.find((r) => r.kind === 'ACTIVE' && r.is_default),
    hasAwayReasons: all.some((r) => r.kind === 'AWAY' && !r.disabled),
  };
}

/**
 * Apply one presence action to a user of the org in a transaction: lock the row, plan the change (presence-rules),
 * write it and append its events. After commit the user's tabs are told to refetch. Returns whether anything
 * changed. 404 when the user is not in the org.
 */
export async function applyPresenceAction(
  ctx: TAppContext,
  orgId: string,
  userId: string,
  action: TPresenceAction,
  initiator: TInitiator,
  options: {
    /** Checked on the locked row: when it returns false nothing happens (the idle sweep re-checks idleness). */
    guard?: (row: TPresenceRow) => boolean;
    /** The time of the change (the idle sweep's); the context's clock otherwise. */
    now?: Date;
  } = {},
): Promise<boolean> {
  const { guard } = options;
  const now = options.now ?? ctx.now();
  await ensureStatusReasons(ctx.db, orgId);
  const changed = await ctx.db.transaction().execute(async (trx) => {
    await ensurePresenceRow(trx, orgId, userId);
    const row = await lockPresence(trx, orgId, userId);
    if (!row) throw notFound('user does not exist', 'userId');
    if (guard && !guard(row)) return false;
    const plan = planPresence(row, action, await loadPresenceReasons(trx, orgId), now);
    // The agent's own edits are activity (spec 5.4 idle timing).
    const patch = action.kind === 'UPDATE' ? { ...plan.patch, last_activity_at: now } : plan.patch;
    if (Object.keys(patch).length > 0) await updatePresence(trx, orgId, userId, patch, now);
    for (const event of plan.events) {
      await appendEvent(trx, orgId, { type: event.type, initiator, content: event.content, occurredAt: now });
    }
    return Object.keys(plan.patch).length > 0;
  });
  if (changed) await notifyPresenceChanged(ctx.db, orgId, userId);
  return changed;
}

/** applyPresenceAction, then the presence as the API shows it. */
export async function changePresence(
  ctx: TAppContext,
  orgId: string,
  userId: string,
  action: TPresenceAction,
  initiator: TInitiator,
): Promise<TPresence> {
  await applyPresenceAction(ctx, orgId, userId, action, initiator);
  return loadPresence(ctx.db, orgId, userId);
}
