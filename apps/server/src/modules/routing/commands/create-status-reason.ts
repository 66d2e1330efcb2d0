import type { TAppContext } from '../../../app-context.js';
import { badRequest } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import {
  clearDefault,
  ensureStatusReasons,
  insertStatusReason,
  nextReasonPosition,
  type TStatusReasonRow,
} from '../status-reasons.repository.js';
import type { TCreateStatusReasonBody } from '../status-reasons.schemas.js';

/** Add an Active or Away reason; `isDefault` (Active only) moves the org's default to it. */
export async function createStatusReason(
  ctx: TAppContext,
  orgId: string,
  body: TCreateStatusReasonBody,
): Promise<TStatusReasonRow> {
  if (body.isDefault && body.kind !== 'ACTIVE') {
    throw badRequest('invalid', 'only an Active reason can be the default', 'isDefault');
  }
  await ensureStatusReasons(ctx.db, orgId);
  return ctx.db.transaction().execute(async (trx) => {
    const row: TStatusReasonRow = {
      id: newId(),
      kind: body.kind,
      name: body.name,
      is_default: body.isDefault ?? false,
      disabled: false,
      position: await nextReasonPosition(trx, orgId),
    };
    if (row.is_default) await clearDefault(trx, orgId, 'ACTIVE');
    await insertStatusReason(trx, orgId, row);
    return row;
  });
}
