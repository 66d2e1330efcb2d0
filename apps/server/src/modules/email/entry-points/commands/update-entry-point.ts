import type { TAppContext } from '../../../../app-context.js';
import { isUniqueViolation } from '../../../../db/pg-errors.js';
import { badRequest, notFound } from '../../../../http/errors.js';
import {
  clearDefaultFrom,
  findEntryPoint,
  lockInboxEntryPoints,
  updateEntryPoint,
} from '../entry-points.repository.js';
import type { TUpdateEntryPointBody } from '../entry-points.schemas.js';
import { assertInboxExists, defaultFromRace } from './create-entry-point.js';

/** Absent fields stay; `slaMinutes: null` clears the override so the inbox SLA applies (product spec 4.1). */
export async function updateEntryPointSettings(
  ctx: TAppContext,
  orgId: string,
  id: string,
  input: TUpdateEntryPointBody,
): Promise<void> {
  const current = await findEntryPoint(ctx.db, orgId, id);
  if (!current) throw notFound(`email entry point ${id} does not exist`);
  if (input.inboxId !== undefined && input.inboxId !== current.inbox_id) {
    await assertInboxExists(ctx, orgId, input.inboxId);
  }
  const inboxId = input.inboxId ?? current.inbox_id;
  const isDefaultFrom = input.isDefaultFrom ?? current.is_default_from;
  if (isDefaultFrom && current.kind === 'DOMAIN') {
    throw badRequest('invalid', 'a domain cannot be a From address; choose a single address', 'isDefaultFrom');
  }
  const now = ctx.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const becomesDefault = isDefaultFrom && !(current.is_default_from && inboxId === current.inbox_id);
      if (becomesDefault) {
        await lockInboxEntryPoints(trx, orgId, inboxId);
        await clearDefaultFrom(trx, orgId, inboxId, now);
      }
      await updateEntryPoint(
        trx,
        orgId,
        id,
        {
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          ...(input.slaMinutes !== undefined ? { sla_minutes: input.slaMinutes } : {}),
          ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
          inbox_id: inboxId,
          is_default_from: isDefaultFrom,
        },
        now,
      );
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error, 'email_entry_points_default_from') ? defaultFromRace() : error;
    });
}
