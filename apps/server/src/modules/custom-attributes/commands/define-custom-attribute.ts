import type { TAppContext } from '../../../app-context.js';
import { conflict, notFound } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { insertCustomAttribute, updateCustomAttribute } from '../custom-attributes.repository.js';
import type { TCreateCustomAttributeBody, TUpdateCustomAttributeBody } from '../custom-attributes.schemas.js';

/**
 * Team managers define freeform topic keys (product spec 7.2). Definitions are deactivated, never deleted, because
 * conversations keep referring to them. No catalogue event describes definition changes.
 */
export async function defineCustomAttribute(
  ctx: TAppContext,
  orgId: string,
  input: TCreateCustomAttributeBody & { createdBy: string },
): Promise<string> {
  const id = newId();
  const inserted = await insertCustomAttribute(ctx.db, {
    orgId,
    id,
    key: input.key,
    label: input.label,
    createdBy: input.createdBy,
    at: ctx.now(),
  });
  if (!inserted) throw conflict('taken', 'another custom attribute already has this key', 'key');
  return id;
}

export async function updateCustomAttributeDefinition(
  ctx: TAppContext,
  orgId: string,
  id: string,
  input: TUpdateCustomAttributeBody,
): Promise<void> {
  const found = await updateCustomAttribute(ctx.db, orgId, id, input);
  if (!found) throw notFound(`custom attribute ${id} does not exist`);
}
