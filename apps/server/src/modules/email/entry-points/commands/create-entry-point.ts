import { randomBytes } from 'node:crypto';
import type { TAppContext } from '../../../../app-context.js';
import { isUniqueViolation } from '../../../../db/pg-errors.js';
import { badRequest, conflict } from '../../../../http/errors.js';
import { newId } from '../../../../lib/ids.js';
import { sha256Hex } from '../../../../lib/sha256.js';
import { parseEntryPointAddress } from '../entry-point-address.js';
import { clearDefaultFrom, inboxExists, insertEntryPoint, lockInboxEntryPoints } from '../entry-points.repository.js';
import type { TCreateEntryPointBody } from '../entry-points.schemas.js';

/** A new secret for the HTTP raw-MIME way in: returned once, only its SHA-256 is kept. */
export function newInboundSecret(): { secret: string; hash: string } {
  const secret = `hes_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: sha256Hex(secret) };
}

export function addressTaken() {
  return conflict('taken', 'this address is already an entry point', 'address');
}

/** Two writers named a default From for one inbox at the same moment; the partial unique index let one win. */
export function defaultFromRace() {
  return conflict(
    'taken',
    'another address became the default From of this inbox meanwhile; try again',
    'isDefaultFrom',
  );
}

export async function assertInboxExists(ctx: TAppContext, orgId: string, inboxId: string): Promise<void> {
  if (!(await inboxExists(ctx.db, orgId, inboxId))) {
    throw badRequest('invalid', `inbox ${inboxId} does not exist`, 'inboxId');
  }
}

/** Live at once (product spec 4.1). Addresses are unique across orgs: the SMTP server finds the org by recipient. */
export async function createEntryPoint(
  ctx: TAppContext,
  orgId: string,
  input: TCreateEntryPointBody,
): Promise<{ id: string; inboundSecret: string }> {
  const { address, kind } = parseEntryPointAddress(input.address);
  if (kind === 'DOMAIN' && input.isDefaultFrom) {
    throw badRequest('invalid', 'a domain cannot be a From address; choose a single address', 'isDefaultFrom');
  }
  await assertInboxExists(ctx, orgId, input.inboxId);
  const id = newId();
  const { secret, hash } = newInboundSecret();
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (input.isDefaultFrom) {
        await lockInboxEntryPoints(trx, orgId, input.inboxId);
        await clearDefaultFrom(trx, orgId, input.inboxId, now);
      }
      await insertEntryPoint(trx, {
        org_id: orgId,
        id,
        address,
        kind,
        display_name: input.displayName ?? '',
        inbox_id: input.inboxId,
        sla_minutes: input.slaMinutes ?? null,
        is_default_from: input.isDefaultFrom ?? false,
        inbound_secret_hash: hash,
        disabled: input.disabled ?? false,
        now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'email_entry_points_address')) throw addressTaken();
    if (isUniqueViolation(error, 'email_entry_points_default_from')) throw defaultFromRace();
    throw error;
  }
  return { id, inboundSecret: secret };
}
