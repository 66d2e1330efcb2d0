import type { TAppContext } from '../../../app-context.js';
import { isUniqueViolation } from '../../../db/pg-errors.js';
import { badRequest, conflict, notFound } from '../../../http/errors.js';
import { isValidClientId, newId } from '../../../lib/ids.js';
import {
  findCustomChannel,
  inboxExists,
  insertCustomChannel,
  updateCustomChannel,
} from '../custom-channels.repository.js';
import type { TCreateCustomChannelBody, TUpdateCustomChannelBody } from '../custom-channels.schemas.js';

/** A new custom channel entry point; its id is what integrators put in the messages URL. */
export async function createCustomChannel(ctx: TAppContext, orgId: string, body: TCreateCustomChannelBody) {
  if (body.id !== undefined && !isValidClientId(body.id)) {
    throw badRequest('invalid', 'id contains unsupported characters', 'id');
  }
  if (!(await inboxExists(ctx.db, orgId, body.inboxId))) {
    throw badRequest('invalid', `inbox ${body.inboxId} does not exist`, 'inboxId');
  }
  const id = body.id ?? newId();
  try {
    await insertCustomChannel(ctx.db, {
      orgId,
      id,
      name: body.name,
      inboxId: body.inboxId,
      companyAddresses: [...new Set(body.companyAddresses)],
      now: ctx.now(),
    });
  } catch (error) {
    if (isUniqueViolation(error, 'custom_channels_pkey'))
      throw conflict('taken', 'custom channel already exists', 'id');
    throw error;
  }
  return id;
}

export async function updateCustomChannelSettings(
  ctx: TAppContext,
  orgId: string,
  id: string,
  body: TUpdateCustomChannelBody,
): Promise<void> {
  if (!(await findCustomChannel(ctx.db, orgId, id))) throw notFound(`custom channel ${id} does not exist`);
  if (body.inboxId !== undefined && !(await inboxExists(ctx.db, orgId, body.inboxId))) {
    throw badRequest('invalid', `inbox ${body.inboxId} does not exist`, 'inboxId');
  }
  await updateCustomChannel(ctx.db, orgId, id, {
    ...body,
    ...(body.companyAddresses ? { companyAddresses: [...new Set(body.companyAddresses)] } : {}),
    now: ctx.now(),
  });
}
