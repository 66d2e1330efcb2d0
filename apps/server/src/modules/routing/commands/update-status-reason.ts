import type { TAppContext } from '../../../app-context.js';
import { badRequest, notFound } from '../../../http/errors.js';
import {
  clearDefault,
  ensureStatusReasons,
  findStatusReason,
  type TStatusReasonRow,
  updateStatusReason,
} from '../status-reasons.repository.js';
import type { TUpdateStatusReasonBody } from '../status-reasons.schemas.js';

/**
 * Rename, enable/disable, or make an Active reason the default. The default Active reason can neither be disabled
 * nor lose its default except by another reason taking it, so exactly one always exists.
 */
export async function patchStatusReason(
  ctx: TAppContext,
  orgId: string,
  id: string,
  body: TUpdateStatusReasonBody,
): Promise<TStatusReasonRow> {
  await ensureStatusReasons(ctx.db, orgId);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findStatusReason(trx, orgId, id);
    if (!current) throw notFound('status reason does not exist', 'id');
    if (body.isDefault && current.kind !== 'ACTIVE') {
      throw badRequest('invalid', 'only an Active reason can be the default', 'isDefault');
    }
    const willBeDefault = body.isDefault ?? current.is_default;
    const willBeDisabled = body.disabled ?? current.disabled;
    if (willBeDefault && willBeDisabled) {
      throw badRequest('invalid_state', 'the default Active reason cannot be disabled', 'disabled');
    }
    if (body.isDefault && !current.is_default) await clearDefault(trx, orgId, 'ACTIVE');
    const patch = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
      ...(body.isDefault ? { is_default: true } : {}),
    };
    if (Object.keys(patch).length > 0) await updateStatusReason(trx, orgId, id, patch);
    return { ...current, ...patch };
  });
}
